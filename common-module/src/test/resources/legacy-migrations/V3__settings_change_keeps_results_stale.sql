-- A settings change made while a job runs must leave that job's results stale: the worker read
-- the settings when it started, and it writes stale = false when it finishes. Each change bumps
-- the project's settings version; a claim remembers the version it started from; the final
-- write of the results keeps stale = true when the version moved on meanwhile.

ALTER TABLE agreement.project_settings ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE agreement.backfill_job ADD COLUMN settings_version bigint;

CREATE FUNCTION agreement.settings_version(project integer) RETURNS bigint
    LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT version FROM agreement.project_settings WHERE project_id = project), 0)
$$;

-- The worker reads the settings only after its claim has committed, so the version remembered
-- here is never newer than the settings the job scores with.
CREATE FUNCTION agreement.remember_settings_version() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
  NEW.settings_version := agreement.settings_version(NEW.project_id);
  RETURN NEW;
END
$$;

CREATE TRIGGER backfill_job_remembers_settings_version
    BEFORE UPDATE ON agreement.backfill_job
    FOR EACH ROW WHEN (NEW.status = 'RUNNING' AND NEW.attempts > OLD.attempts)
    EXECUTE FUNCTION agreement.remember_settings_version();

-- The settings API takes the same lock before it changes settings and marks results stale, so a
-- change commits either before this check (and is seen) or after the results (and marks them).
CREATE FUNCTION agreement.keep_stale_after_settings_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7002, NEW.project_id);
  IF NOT NEW.stale AND agreement.settings_version(NEW.project_id)
      > coalesce((SELECT settings_version FROM agreement.backfill_job WHERE id = NEW.job_id), 0) THEN
    NEW.stale := true;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER project_agreement_keeps_stale_after_settings_change
    BEFORE INSERT OR UPDATE ON agreement.project_agreement
    FOR EACH ROW EXECUTE FUNCTION agreement.keep_stale_after_settings_change();
