-- Roles become rows: the defaults (owner, admin, member), the permission catalog, and each
-- role's permissions. The three columns that held the "MemberRole" enum now hold a role's key,
-- a foreign key to roles; every existing value is kept.

-- CreateTable
CREATE TABLE "roles" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "operating_team" BOOLEAN NOT NULL DEFAULT false,
    "organization_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("key"),
    -- A key is what apps and mappings use: lowercase letters, digits, _ - : and .
    CONSTRAINT "roles_key_check" CHECK ("key" ~ '^[a-z][a-z0-9_.:-]{0,62}$'),
    CONSTRAINT "roles_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 100),
    -- The defaults are for every organization.
    CONSTRAINT "roles_default_scope_check" CHECK (NOT "is_default" OR "organization_id" IS NULL)
);

-- CreateTable
CREATE TABLE "permissions" (
    "key" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'app',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "permissions_pkey" PRIMARY KEY ("key"),
    CONSTRAINT "permissions_kind_check" CHECK ("kind" IN ('console', 'app')),
    CONSTRAINT "permissions_key_check" CHECK ("key" ~ '^[a-z][a-z0-9_.:-]{0,99}$')
);

-- CreateTable
CREATE TABLE "role_permissions" (
    "role_key" TEXT NOT NULL,
    "permission_key" TEXT NOT NULL,

    CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("role_key","permission_key")
);

-- CreateIndex
CREATE INDEX "roles_organization_id_idx" ON "roles"("organization_id");

-- CreateIndex
CREATE INDEX "role_permissions_permission_key_idx" ON "role_permissions"("permission_key");

-- AddForeignKey
ALTER TABLE "roles" ADD CONSTRAINT "roles_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_role_key_fkey" FOREIGN KEY ("role_key") REFERENCES "roles"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_permission_key_fkey" FOREIGN KEY ("permission_key") REFERENCES "permissions"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- The default roles, in every installation.
INSERT INTO "roles" ("key", "name", "description", "is_default", "operating_team") VALUES
  ('owner', 'Owner', 'Operating team, with every permission, including deleting the organization and managing owners.', true, true),
  ('admin', 'Admin', 'Operating team: manages members, invitations, domains, groups, SSO and the directory.', true, true),
  ('member', 'Member', 'Uses the organization’s workspace. No administration. The least privileged role.', true, false);

-- The console's own permissions.
INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('organizations.create', 'Create organizations.', 'console'),
  ('organizations.manage', 'Rename an organization and change its slug.', 'console'),
  ('organizations.suspend', 'Suspend and reactivate an organization.', 'console'),
  ('organizations.delete', 'Delete an organization.', 'console'),
  ('members.manage', 'Change members’ roles, suspend and remove members.', 'console'),
  ('invitations.send', 'Review and send invitations, and send test invitations.', 'console'),
  ('invitations.manage', 'Resend and revoke invitations.', 'console'),
  ('invitations.accept', 'Accept an invitation, with its link.', 'console'),
  ('domains.manage', 'Add, verify and remove domains.', 'console'),
  ('auto_join.manage', 'Turn auto-join on and off, and choose its role.', 'console'),
  ('audit.read', 'Read and export the audit log.', 'console'),
  ('jobs.manage', 'See background jobs and retry dead ones.', 'console');

INSERT INTO "role_permissions" ("role_key", "permission_key")
SELECT 'owner', "key" FROM "permissions" WHERE "key" NOT IN ('organizations.create', 'invitations.accept');
INSERT INTO "role_permissions" ("role_key", "permission_key") VALUES
  ('admin', 'members.manage'),
  ('admin', 'invitations.send'),
  ('admin', 'invitations.manage'),
  ('admin', 'domains.manage'),
  ('admin', 'auto_join.manage'),
  ('admin', 'audit.read');

-- The defaults can't be deleted, and their keys never change.
CREATE FUNCTION "protect_default_roles"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD."is_default" THEN
    RAISE EXCEPTION 'The default role % can''t be deleted', OLD."key" USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD."key" <> NEW."key" OR OLD."is_default" <> NEW."is_default") AND OLD."is_default" THEN
    RAISE EXCEPTION 'The default role % keeps its key', OLD."key" USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER "roles_protect_defaults" BEFORE DELETE OR UPDATE ON "roles"
  FOR EACH ROW EXECUTE FUNCTION "protect_default_roles"();

-- The three role columns: enum to the role's key, values kept. The auto-join CHECK is recreated on text.
ALTER TABLE "organizations" DROP CONSTRAINT "organizations_auto_join_role_check";
ALTER TABLE "organizations" ALTER COLUMN "auto_join_role" DROP DEFAULT;
ALTER TABLE "organizations" ALTER COLUMN "auto_join_role" TYPE TEXT USING "auto_join_role"::text;
ALTER TABLE "organizations" ALTER COLUMN "auto_join_role" SET DEFAULT 'member';
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_auto_join_role_check" CHECK ("auto_join_role" <> 'owner');

ALTER TABLE "memberships" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "memberships" ALTER COLUMN "role" TYPE TEXT USING "role"::text;
ALTER TABLE "memberships" ALTER COLUMN "role" SET DEFAULT 'member';

ALTER TABLE "invitations" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "invitations" ALTER COLUMN "role" TYPE TEXT USING "role"::text;
ALTER TABLE "invitations" ALTER COLUMN "role" SET DEFAULT 'member';

-- DropEnum
DROP TYPE "MemberRole";

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_auto_join_role_fkey" FOREIGN KEY ("auto_join_role") REFERENCES "roles"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_fkey" FOREIGN KEY ("role") REFERENCES "roles"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_role_fkey" FOREIGN KEY ("role") REFERENCES "roles"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A role's holders are found by it.
CREATE INDEX "memberships_role_idx" ON "memberships"("role");
CREATE INDEX "invitations_role_idx" ON "invitations"("role");
