-- A task's per-tag scores move into its task_agreement row, as an array in the project's tag order
-- (element i + 1 is the tag at project_tag_agreement.position i, as in task_pair_scores), and the
-- task's matrix is no longer stored twice: the API builds it from the task's pair row. One row and
-- two index entries per task instead of one row and two index entries per task and tag, plus a
-- JSON matrix: the two costliest parts of what a backfill wrote.
ALTER TABLE agreement.task_agreement ADD COLUMN tag_scores double precision[] NOT NULL DEFAULT '{}';

-- Aligned with the project's tags even where a task lacks one of them (a NULL element).
UPDATE agreement.task_agreement ta
SET tag_scores = ARRAY(
    SELECT tt.score
    FROM agreement.project_tag_agreement pt
    LEFT JOIN agreement.task_tag_agreement tt
           ON tt.task_id = ta.task_id AND tt.control_tag = pt.control_tag
    WHERE pt.project_id = ta.project_id
    ORDER BY pt.position);

ALTER TABLE agreement.task_agreement DROP COLUMN matrix;
DROP TABLE agreement.task_tag_agreement;
