-- The service's own tables: backfill jobs (the outbox), settings and results.

-- Schema agreement itself is created by Flyway (create-schemas), or beforehand by a DBA for a role
-- without CREATE on the database.

CREATE TABLE agreement.backfill_job (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id integer NOT NULL,
    project_id      integer NOT NULL,
    status          varchar(16) NOT NULL
        CHECK (status IN ('PENDING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    attempts        integer NOT NULL DEFAULT 0,
    error_message   text,
    progress        jsonb NOT NULL DEFAULT '{}'::jsonb,
    triggered_by    integer,
    trigger_mode    varchar(16) NOT NULL DEFAULT 'project_id',
    created_at      timestamptz NOT NULL DEFAULT now(),
    queued_at       timestamptz,
    started_at      timestamptz,
    completed_at    timestamptz,
    worker_id       varchar(200),
    heartbeat_at    timestamptz
);

-- At most one active job per project: two concurrent triggers can never queue a project twice.
CREATE UNIQUE INDEX backfill_job_one_active_per_project
    ON agreement.backfill_job (project_id) WHERE status IN ('PENDING', 'QUEUED', 'RUNNING');
CREATE INDEX backfill_job_org_project_idx ON agreement.backfill_job (organization_id, project_id, id DESC);
CREATE INDEX backfill_job_org_created_idx ON agreement.backfill_job (organization_id, id DESC);
CREATE INDEX backfill_job_pending_idx ON agreement.backfill_job (created_at) WHERE status = 'PENDING';
CREATE INDEX backfill_job_running_idx ON agreement.backfill_job (heartbeat_at) WHERE status = 'RUNNING';

CREATE TABLE agreement.project_settings (
    project_id  integer PRIMARY KEY,
    methodology varchar(16) NOT NULL DEFAULT 'consensus' CHECK (methodology IN ('consensus', 'pairwise')),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agreement.tag_settings (
    project_id      integer NOT NULL,
    control_tag     varchar(500) NOT NULL,
    metric          varchar(32),
    threshold       double precision,
    weight          double precision,
    excluded_labels jsonb,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, control_tag)
);

-- One row per backfilled project: when, with what, and whether settings changed since (stale).
CREATE TABLE agreement.project_agreement (
    project_id   integer PRIMARY KEY,
    job_id       bigint NOT NULL,
    methodology  varchar(16) NOT NULL,
    agreement    double precision,
    tasks_scored integer NOT NULL,
    computed_at  timestamptz NOT NULL,
    stale        boolean NOT NULL DEFAULT false
);

CREATE TABLE agreement.project_tag_agreement (
    project_id         integer NOT NULL,
    control_tag        varchar(500) NOT NULL,
    tag_type           varchar(64) NOT NULL,
    metric             varchar(32) NOT NULL,
    threshold          double precision NOT NULL,
    weight             double precision NOT NULL,
    agreement          double precision,
    tasks_scored       integer NOT NULL,
    krippendorff_alpha double precision,
    alpha_level        varchar(16),
    position           integer NOT NULL,
    PRIMARY KEY (project_id, control_tag)
);

CREATE TABLE agreement.task_agreement (
    task_id     integer PRIMARY KEY,
    project_id  integer NOT NULL,
    agreement   double precision,
    annotations integer NOT NULL,
    matrix      jsonb,
    computed_at timestamptz NOT NULL
);
CREATE INDEX task_agreement_project_idx ON agreement.task_agreement (project_id, task_id);

CREATE TABLE agreement.task_tag_agreement (
    task_id     integer NOT NULL,
    control_tag varchar(500) NOT NULL,
    project_id  integer NOT NULL,
    score       double precision NOT NULL,
    annotations integer NOT NULL,
    computed_at timestamptz NOT NULL,
    PRIMARY KEY (task_id, control_tag)
);
CREATE INDEX task_tag_agreement_project_idx ON agreement.task_tag_agreement (project_id, control_tag, score);

CREATE TABLE agreement.annotator_agreement (
    project_id integer NOT NULL,
    user_id    integer NOT NULL,
    score_sum  double precision NOT NULL,
    pairs      bigint NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

CREATE TABLE agreement.annotator_tag_agreement (
    project_id  integer NOT NULL,
    user_id     integer NOT NULL,
    control_tag varchar(500) NOT NULL,
    score_sum   double precision NOT NULL,
    pairs       bigint NOT NULL,
    PRIMARY KEY (project_id, user_id, control_tag)
);
