-- A backfill writes one task_agreement, task_pair_scores and task_state row per task, and every
-- index of them is updated for every row: a third of what it cost PostgreSQL to store them. Every
-- read of the first two names the project (a project's rows, or some of its tasks), so one index
-- keyed by (project_id, task_id), the primary key, serves them all; the index on task_id alone goes.
-- task_state is keyed the same way and keeps an index on task_id alone, for the sweep, which looks
-- a changed task up by its id wherever it was scored.
-- Rows are a project's own: a task moved to another project keeps its rows in the first until that
-- project's refresh subtracts them from its sums and deletes them, while the second scores it anew.
ALTER TABLE agreement.task_agreement DROP CONSTRAINT task_agreement_pkey;
DROP INDEX agreement.task_agreement_project_idx;
ALTER TABLE agreement.task_agreement ADD PRIMARY KEY (project_id, task_id);

ALTER TABLE agreement.task_pair_scores DROP CONSTRAINT task_pair_scores_pkey;
DROP INDEX agreement.task_pair_scores_project_idx;
ALTER TABLE agreement.task_pair_scores ADD PRIMARY KEY (project_id, task_id);

ALTER TABLE agreement.task_state DROP CONSTRAINT task_state_pkey;
DROP INDEX agreement.task_state_project_idx;
ALTER TABLE agreement.task_state ADD PRIMARY KEY (project_id, task_id);
CREATE INDEX task_state_task_idx ON agreement.task_state (task_id);
