-- When the relay last tried to publish a PENDING job. The relay stamps the rows it takes in one
-- short statement and publishes after it commits, so no row lock is held while the broker is
-- slow or down (a cancel or trigger of those jobs would otherwise wait for it).
ALTER TABLE agreement.backfill_job ADD COLUMN relay_attempted_at timestamptz;
