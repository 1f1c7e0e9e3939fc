-- How many jobs each project has in each status, kept by the job table itself in the same
-- transaction as every insert, status change and delete: the jobs list's count reads one row per
-- project and status instead of counting an organization's whole job history (10,000 projects
-- with 100,000 jobs: SPEC 11).

CREATE TABLE agreement.project_job_count (
    organization_id integer NOT NULL,
    status          varchar(16) NOT NULL,
    project_id      integer NOT NULL,
    jobs            bigint NOT NULL,
    PRIMARY KEY (organization_id, status, project_id)
);
CREATE INDEX project_job_count_project_idx ON agreement.project_job_count (project_id);

INSERT INTO agreement.project_job_count
SELECT organization_id, status, project_id, count(*)
FROM agreement.backfill_job
GROUP BY organization_id, status, project_id;

CREATE FUNCTION agreement.count_jobs() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE agreement.project_job_count SET jobs = jobs - 1
    WHERE organization_id = OLD.organization_id AND status = OLD.status
      AND project_id = OLD.project_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO agreement.project_job_count AS c
    VALUES (NEW.organization_id, NEW.status, NEW.project_id, 1)
    ON CONFLICT (organization_id, status, project_id) DO UPDATE SET jobs = c.jobs + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER backfill_job_counted
    AFTER INSERT OR DELETE ON agreement.backfill_job
    FOR EACH ROW EXECUTE FUNCTION agreement.count_jobs();

CREATE TRIGGER backfill_job_recounted
    AFTER UPDATE OF organization_id, status, project_id ON agreement.backfill_job
    FOR EACH ROW
    WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id
          OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.project_id IS DISTINCT FROM NEW.project_id)
    EXECUTE FUNCTION agreement.count_jobs();
