-- Label Studio's open-source schema has no role column. Where a member row has no role, the
-- organization's creator counts as its OWNER and everybody else as an ANNOTATOR (least privilege).
ALTER TABLE organizations_organizationmember ADD COLUMN IF NOT EXISTS role varchar(32);
ALTER TABLE organizations_organizationmember ALTER COLUMN role DROP NOT NULL;
ALTER TABLE organizations_organizationmember ALTER COLUMN role DROP DEFAULT;

-- Rows loaded by hand often leave out what Label Studio's own code always fills in.
ALTER TABLE htx_user ALTER COLUMN username SET DEFAULT '';
ALTER TABLE organization ALTER COLUMN created_at SET DEFAULT now();
