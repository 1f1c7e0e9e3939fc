-- Live refresh (SPEC 9): dirty marks, at most one pending refresh per project, what each scored
-- task was computed from, the config each project was scored with, and the sweep's watermark.

-- A task whose scores may be out of date. One row per task whatever the number of changes: a
-- re-mark only takes a new seq, so a refresh that took the mark before it deletes only what it
-- took and the newer change is refreshed again. marked_at is the oldest unrefreshed change,
-- last_marked_at the newest: a backfill whose snapshot began after it covers every change marked.
CREATE SEQUENCE agreement.dirty_task_seq;
CREATE TABLE agreement.dirty_task (
    project_id integer NOT NULL,
    task_id    integer NOT NULL,
    seq        bigint NOT NULL DEFAULT nextval('agreement.dirty_task_seq'),
    source     varchar(16) NOT NULL CHECK (source IN ('webhook', 'sweep', 'reconcile', 'backfill')),
    marked_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_marked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (project_id, task_id)
);
CREATE INDEX dirty_task_marked_idx ON agreement.dirty_task (marked_at);

-- A project with marks whose refresh message is pending. Whoever inserts the row publishes the
-- message; a worker deletes the row when it starts the refresh, so marks made from then on ask for
-- a new one. Rows not published (broker down) are published again by the sweep.
CREATE TABLE agreement.refresh_request (
    project_id   integer PRIMARY KEY,
    requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at timestamptz
);

-- What a scored task's rows were computed from: its counted annotations' ids (the map that
-- ANNOTATIONS_DELETED needs, as Label Studio sends only annotation ids), their fingerprint (count,
-- sum of ids, sum of updated_at in microseconds, sum of ground-truth ids, as
-- LabelStudioChanges.FINGERPRINT computes it), and their ratings for Krippendorff's alpha and the
-- statistics in the engine's compact encoding, so that a refresh recomputes those exactly without
-- re-reading every annotation.
CREATE TABLE agreement.task_state (
    task_id        integer PRIMARY KEY,
    project_id     integer NOT NULL,
    annotation_ids integer[] NOT NULL,
    fingerprint    text NOT NULL,
    ratings        bytea NOT NULL
);
CREATE INDEX task_state_project_idx ON agreement.task_state (project_id, task_id);
CREATE INDEX task_state_annotations_idx ON agreement.task_state USING gin (annotation_ids);

-- The label config and control weights a project's results were computed with (md5 of both),
-- and the hash a forced backfill was last queued for, so a changed config queues one backfill.
CREATE TABLE agreement.project_source (
    project_id   integer PRIMARY KEY,
    config_hash  text NOT NULL,
    scored_at    timestamptz NOT NULL,
    queued_hash  text
);

-- The sweep's progress: the greatest task.updated_at it has seen, when it and the reconciliation
-- last ran, and when a webhook without payload asked for a sweep now.
CREATE TABLE agreement.sweep_state (
    id                smallint PRIMARY KEY CHECK (id = 1),
    watermark         timestamptz,
    last_sweep_at     timestamptz,
    last_reconcile_at timestamptz,
    sweep_requested_at timestamptz
);
INSERT INTO agreement.sweep_state (id) VALUES (1);

-- A project refreshed before any backfill has a summary without a job; refreshed_at is the last
-- refresh that changed it.
ALTER TABLE agreement.project_agreement ALTER COLUMN job_id DROP NOT NULL;
ALTER TABLE agreement.project_agreement ADD COLUMN refreshed_at timestamptz;
