-- Reliability statistics per project and control tag (SPEC 4.7), written by the backfill in the
-- same transaction as the other results: the statistics endpoint reads these rows as they are.
CREATE TABLE agreement.tag_statistics (
    project_id  integer NOT NULL,
    control_tag varchar(500) NOT NULL,
    position    integer NOT NULL,
    statistics  jsonb NOT NULL,
    computed_at timestamptz NOT NULL,
    PRIMARY KEY (project_id, control_tag)
);
