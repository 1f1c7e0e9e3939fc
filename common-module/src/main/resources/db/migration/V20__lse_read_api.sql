-- What Label Studio Enterprise's agreement read API answers from (SPEC 8). Per task, rows a
-- backfill (or a refresh of that task) replaces as a whole; per project, small aggregates that
-- are sums over those rows and can be recomputed from them by SQL.

-- A stable id per (project, control tag), kept while the tag exists and across config edits.
CREATE TABLE agreement.dimension (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  integer NOT NULL,
    control_tag varchar(500) NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, control_tag)
);

-- Tasks below it count as low agreement in the distribution.
ALTER TABLE agreement.project_settings
    ADD COLUMN agreement_threshold double precision NOT NULL DEFAULT 0.5
        CHECK (agreement_threshold >= 0 AND agreement_threshold <= 1);

-- One row per scored task: its annotation pairs (i < j in ascending annotation id), in parallel
-- arrays. tag_scores holds pair k's score for tag t (project_tag_agreement.position) at
-- k * tag_count + t + 1. The label_* arrays list, sparsely, each (pair, tag, label) where one side
-- used the label: its pair index (1-based), the label and the tag's metric restricted to it.
CREATE TABLE agreement.task_pair_scores (
    task_id       integer PRIMARY KEY,
    project_id    integer NOT NULL,
    ground_truth  integer,
    user_ids      integer[] NOT NULL,
    pair_ann_a    integer[] NOT NULL,
    pair_ann_b    integer[] NOT NULL,
    pair_user_a   integer[] NOT NULL,
    pair_user_b   integer[] NOT NULL,
    pair_score    double precision[] NOT NULL,
    tag_count     integer NOT NULL,
    tag_scores    double precision[] NOT NULL,
    label_pair    integer[] NOT NULL,
    label_name    text[] NOT NULL,
    label_score   double precision[] NOT NULL
);
CREATE INDEX task_pair_scores_project_idx ON agreement.task_pair_scores (project_id, task_id);

-- One task's contribution to a tag's confusion matrix: mode 'all' (ordered pairs of annotations
-- of different users) or 'ground_truth' (the ground truth against each other user's annotation).
CREATE TABLE agreement.task_confusion (
    task_id     integer NOT NULL,
    project_id  integer NOT NULL,
    control_tag varchar(500) NOT NULL,
    mode        varchar(16) NOT NULL CHECK (mode IN ('all', 'ground_truth')),
    actual      text NOT NULL,
    predicted   text NOT NULL,
    count       integer NOT NULL
);
CREATE INDEX task_confusion_task_idx ON agreement.task_confusion (task_id);
CREATE INDEX task_confusion_project_idx ON agreement.task_confusion (project_id);

-- Sums over task_pair_scores. user_a < user_b, and user_a = user_b for the diagonal, whose
-- common_tasks counts the user's scored tasks (score_sum and pairs 0 there).
CREATE TABLE agreement.annotator_pair_agreement (
    project_id   integer NOT NULL,
    user_a       integer NOT NULL,
    user_b       integer NOT NULL,
    score_sum    double precision NOT NULL,
    pairs        bigint NOT NULL,
    common_tasks bigint NOT NULL,
    PRIMARY KEY (project_id, user_a, user_b)
);

-- The same per label (pooled over tags); the diagonal counts tasks where a pair of the user's
-- has a score for the label.
CREATE TABLE agreement.label_pair_agreement (
    project_id   integer NOT NULL,
    label        text NOT NULL,
    user_a       integer NOT NULL,
    user_b       integer NOT NULL,
    score_sum    double precision NOT NULL,
    pairs        bigint NOT NULL,
    common_tasks bigint NOT NULL,
    PRIMARY KEY (project_id, label, user_a, user_b)
);

-- Each user's pairs against the ground truth of tasks that have one; label '' is overall.
CREATE TABLE agreement.ground_truth_agreement (
    project_id integer NOT NULL,
    user_id    integer NOT NULL,
    per_label  boolean NOT NULL,
    label      text NOT NULL,
    score_sum  double precision NOT NULL,
    pairs      bigint NOT NULL,
    PRIMARY KEY (project_id, user_id, per_label, label)
);

CREATE TABLE agreement.project_confusion (
    project_id  integer NOT NULL,
    control_tag varchar(500) NOT NULL,
    mode        varchar(16) NOT NULL,
    actual      text NOT NULL,
    predicted   text NOT NULL,
    count       bigint NOT NULL,
    PRIMARY KEY (project_id, control_tag, mode, actual, predicted)
);

-- The distribution of task overall scores: 10 buckets [0, 0.1) ... [0.9, 1.0], and the count of
-- tasks below agreement_threshold (updated when the threshold changes).
CREATE TABLE agreement.project_distribution (
    project_id          integer PRIMARY KEY,
    histogram           bigint[] NOT NULL,
    total_tasks         bigint NOT NULL,
    score_sum           double precision NOT NULL,
    low_agreement_count bigint NOT NULL
);

CREATE FUNCTION agreement.agreement_threshold(project bigint) RETURNS double precision
    LANGUAGE sql STABLE AS $$
  SELECT coalesce(
      (SELECT agreement_threshold FROM agreement.project_settings WHERE project_id = project), 0.5)
$$;
