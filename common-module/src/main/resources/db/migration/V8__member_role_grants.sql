-- Roles granted through this service (PUT /api/agreement/members/{user_id}/role/). They come
-- first when a caller's role is resolved, before Label Studio Enterprise's role column and the
-- Community rule (creator OWNER, everybody else AGREEMENT_MEMBER_ROLE).
CREATE TABLE agreement.member_role (
    organization_id integer NOT NULL,
    user_id         integer NOT NULL,
    role            varchar(16) NOT NULL
        CHECK (role IN ('OWNER', 'ADMINISTRATOR', 'MANAGER', 'REVIEWER', 'ANNOTATOR')),
    granted_by      integer NOT NULL,
    granted_at      timestamptz NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
