-- A page of an organization's jobs (newest first, optionally of one status) is found by its ids
-- before its rows are read; every page leaves out the jobs of soft-deleted projects, so the ids
-- come with their project. With project_id in the index the page is an index-only scan of the
-- jobs it skips and shows: 0.7 ms for page 50 of the FAILED jobs with 100,000 jobs of history,
-- where the planner walked the primary key backwards through every other job instead (5 ms warm,
-- 290 ms cold). Same keys as the indexes they replace, so every other query keeps its index.
CREATE INDEX backfill_job_org_page_idx
    ON agreement.backfill_job (organization_id, id DESC) INCLUDE (project_id);
CREATE INDEX backfill_job_org_status_page_idx
    ON agreement.backfill_job (organization_id, status, id DESC) INCLUDE (project_id);
DROP INDEX agreement.backfill_job_org_created_idx;
DROP INDEX agreement.backfill_job_org_status_idx;
