-- Each project's latest backfill job, kept by the job table itself, so that an organization's
-- status reads one row per project instead of picking the latest of every project's job history
-- (10,000 projects with 100,000 jobs: SPEC 11). A job row's insert and every change of its status
-- or progress update this row in the same transaction, so it is never behind the job table.

CREATE TABLE agreement.project_job (
    project_id            integer PRIMARY KEY,
    organization_id       integer NOT NULL,
    job_id                bigint NOT NULL,
    status                varchar(16) NOT NULL,
    tasks_processed       bigint NOT NULL,
    annotations_processed bigint NOT NULL
);
CREATE INDEX project_job_org_idx ON agreement.project_job (organization_id, project_id)
    INCLUDE (status, tasks_processed, annotations_processed);

CREATE FUNCTION agreement.progress_count(progress jsonb, name text) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(progress -> name) = 'number'
              THEN floor((progress ->> name)::numeric)::bigint ELSE 0 END
$$;

INSERT INTO agreement.project_job
SELECT DISTINCT ON (project_id) project_id, organization_id, id, status,
       agreement.progress_count(progress, 'tasks_processed'),
       agreement.progress_count(progress, 'annotations_processed')
FROM agreement.backfill_job
ORDER BY project_id, id DESC;

CREATE FUNCTION agreement.track_latest_job() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO agreement.project_job AS l
  VALUES (NEW.project_id, NEW.organization_id, NEW.id, NEW.status,
          agreement.progress_count(NEW.progress, 'tasks_processed'),
          agreement.progress_count(NEW.progress, 'annotations_processed'))
  ON CONFLICT (project_id) DO UPDATE SET organization_id = excluded.organization_id,
      job_id = excluded.job_id, status = excluded.status,
      tasks_processed = excluded.tasks_processed,
      annotations_processed = excluded.annotations_processed
  WHERE l.job_id <= excluded.job_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER backfill_job_tracks_latest
    AFTER INSERT OR UPDATE OF status, progress ON agreement.backfill_job
    FOR EACH ROW EXECUTE FUNCTION agreement.track_latest_job();

-- The jobs list filtered by status, newest first, and its count.
CREATE INDEX backfill_job_org_status_idx ON agreement.backfill_job (organization_id, status, id DESC);
