-- A task's confusion-matrix cells move into its task_pair_scores row, as parallel arrays (cell i:
-- tag, mode, actual, predicted, count): one row and two index entries per task instead of one row
-- and two index entries per cell, which made the table the largest a backfill wrote.
ALTER TABLE agreement.task_pair_scores
    ADD COLUMN confusion_tag       text[]    NOT NULL DEFAULT '{}',
    ADD COLUMN confusion_mode      text[]    NOT NULL DEFAULT '{}',
    ADD COLUMN confusion_actual    text[]    NOT NULL DEFAULT '{}',
    ADD COLUMN confusion_predicted text[]    NOT NULL DEFAULT '{}',
    ADD COLUMN confusion_count     integer[] NOT NULL DEFAULT '{}';

UPDATE agreement.task_pair_scores tp
SET confusion_tag = c.tag, confusion_mode = c.mode, confusion_actual = c.actual,
    confusion_predicted = c.predicted, confusion_count = c.n
FROM (
    SELECT task_id,
           array_agg(control_tag::text ORDER BY control_tag, mode, actual, predicted) AS tag,
           array_agg(mode::text ORDER BY control_tag, mode, actual, predicted) AS mode,
           array_agg(actual ORDER BY control_tag, mode, actual, predicted) AS actual,
           array_agg(predicted ORDER BY control_tag, mode, actual, predicted) AS predicted,
           array_agg(count ORDER BY control_tag, mode, actual, predicted) AS n
    FROM agreement.task_confusion
    GROUP BY task_id
) AS c
WHERE c.task_id = tp.task_id;

DROP TABLE agreement.task_confusion;
