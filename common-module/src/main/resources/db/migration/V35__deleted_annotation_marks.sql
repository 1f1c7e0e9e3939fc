-- ANNOTATIONS_DELETED names annotations that Label Studio no longer has, so only this service's
-- own map (task_state.annotation_ids) tells their tasks. Their ids wait here, per project, and the
-- project's next refresh finds their tasks with one scan of the project's task_state rows for all
-- of them. The webhook answers at once, and no index of every annotation id has to be kept by
-- every backfill: the GIN index it replaces was the costliest part of what a backfill wrote.
CREATE TABLE agreement.deleted_annotation (
    project_id    integer NOT NULL,
    annotation_id integer NOT NULL,
    marked_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (project_id, annotation_id)
);

DROP INDEX agreement.task_state_annotations_idx;
