-- CreateEnum
CREATE TYPE "DirectoryProvider" AS ENUM ('okta', 'entra', 'google', 'onelogin', 'jumpcloud', 'generic');

-- AlterTable
ALTER TABLE "directories" ADD COLUMN     "configured_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "create_organizations" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "create_organizations_approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "create_organizations_approved_by" TEXT,
ADD COLUMN     "last_request_at" TIMESTAMPTZ(3),
ADD COLUMN     "name" TEXT NOT NULL DEFAULT 'Directory',
ADD COLUMN     "provider" "DirectoryProvider" NOT NULL DEFAULT 'generic',
ADD COLUMN     "sso_connection_id" UUID,
ADD COLUMN     "stale_after_hours" INTEGER NOT NULL DEFAULT 72,
ADD COLUMN     "suspend_on_deprovision" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "directory_tokens" (
    "id" UUID NOT NULL,
    "directory_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_by" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directory_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_users" (
    "id" UUID NOT NULL,
    "directory_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "user_name" TEXT NOT NULL,
    "external_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "display_name" TEXT,
    "email" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "membership_id" UUID,
    "link_issue" TEXT,
    "suspended_by_directory" BOOLEAN NOT NULL DEFAULT false,
    "review_required" BOOLEAN NOT NULL DEFAULT false,
    "deprovisioned_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "directory_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_groups" (
    "id" UUID NOT NULL,
    "directory_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "display_name" TEXT NOT NULL,
    "external_id" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directory_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directory_group_members" (
    "group_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "directory_id" UUID NOT NULL,
    "display" TEXT,

    CONSTRAINT "directory_group_members_pkey" PRIMARY KEY ("group_id","user_id")
);

-- CreateTable
CREATE TABLE "directory_events" (
    "id" UUID NOT NULL,
    "directory_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "resource_id" TEXT,
    "changes" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "body" JSONB,

    CONSTRAINT "directory_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "directory_tokens_token_hash_key" ON "directory_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "directory_tokens_directory_id_idx" ON "directory_tokens"("directory_id");

-- CreateIndex
CREATE INDEX "directory_users_directory_id_created_at_id_idx" ON "directory_users"("directory_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "directory_users_directory_id_external_id_idx" ON "directory_users"("directory_id", "external_id");

-- CreateIndex
CREATE INDEX "directory_users_membership_id_idx" ON "directory_users"("membership_id");

-- CreateIndex
CREATE UNIQUE INDEX "directory_users_id_directory_id_key" ON "directory_users"("id", "directory_id");

-- CreateIndex
CREATE INDEX "directory_groups_directory_id_created_at_id_idx" ON "directory_groups"("directory_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "directory_groups_id_directory_id_key" ON "directory_groups"("id", "directory_id");

-- CreateIndex
CREATE INDEX "directory_group_members_user_id_idx" ON "directory_group_members"("user_id");

-- CreateIndex
CREATE INDEX "directory_events_directory_id_occurred_at_id_idx" ON "directory_events"("directory_id", "occurred_at" DESC, "id");

-- CreateIndex
CREATE INDEX "directories_sso_connection_id_idx" ON "directories"("sso_connection_id");

-- CreateIndex
CREATE UNIQUE INDEX "directories_id_organization_id_key" ON "directories"("id", "organization_id");

-- AddForeignKey
ALTER TABLE "directories" ADD CONSTRAINT "directories_sso_connection_id_organization_id_fkey" FOREIGN KEY ("sso_connection_id", "organization_id") REFERENCES "sso_connections"("id", "organization_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_tokens" ADD CONSTRAINT "directory_tokens_directory_id_organization_id_fkey" FOREIGN KEY ("directory_id", "organization_id") REFERENCES "directories"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_directory_id_organization_id_fkey" FOREIGN KEY ("directory_id", "organization_id") REFERENCES "directories"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_membership_id_organization_id_fkey" FOREIGN KEY ("membership_id", "organization_id") REFERENCES "memberships"("id", "organization_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_groups" ADD CONSTRAINT "directory_groups_directory_id_organization_id_fkey" FOREIGN KEY ("directory_id", "organization_id") REFERENCES "directories"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_group_members" ADD CONSTRAINT "directory_group_members_group_id_directory_id_fkey" FOREIGN KEY ("group_id", "directory_id") REFERENCES "directory_groups"("id", "directory_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_group_members" ADD CONSTRAINT "directory_group_members_user_id_directory_id_fkey" FOREIGN KEY ("user_id", "directory_id") REFERENCES "directory_users"("id", "directory_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directory_events" ADD CONSTRAINT "directory_events_directory_id_organization_id_fkey" FOREIGN KEY ("directory_id", "organization_id") REFERENCES "directories"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- userName is unique within a directory, case-insensitively, among users not deleted (a deleted
-- userName can be created again); so is a group's displayName (Entra expects it).
CREATE UNIQUE INDEX "directory_users_user_name_key" ON "directory_users" ("directory_id", lower("user_name")) WHERE "deleted_at" IS NULL;
CREATE UNIQUE INDEX "directory_groups_display_name_key" ON "directory_groups" ("directory_id", lower("display_name"));
-- One directory user per membership (a deleted one keeps its link for the history).
CREATE UNIQUE INDEX "directory_users_membership_key" ON "directory_users" ("membership_id") WHERE "membership_id" IS NOT NULL AND "deleted_at" IS NULL;
CREATE INDEX "directory_users_email_idx" ON "directory_users" ("directory_id", lower("email"));

ALTER TABLE "directories" ADD CONSTRAINT "directories_stale_after_hours_check" CHECK ("stale_after_hours" BETWEEN 1 AND 720);
ALTER TABLE "directories" ADD CONSTRAINT "directories_name_check" CHECK (length("name") BETWEEN 1 AND 120);
-- Creating organizations from groups needs its recorded approval.
ALTER TABLE "directories" ADD CONSTRAINT "directories_create_organizations_check"
  CHECK (NOT "create_organizations" OR "create_organizations_approved_at" IS NOT NULL);
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_user_name_check" CHECK (length("user_name") BETWEEN 1 AND 512);
ALTER TABLE "directory_groups" ADD CONSTRAINT "directory_groups_display_name_check" CHECK (length("display_name") BETWEEN 1 AND 512);
-- Suspended by the directory, or waiting for review: only a deprovisioned user.
ALTER TABLE "directory_users" ADD CONSTRAINT "directory_users_review_check"
  CHECK (NOT "review_required" OR "deprovisioned_at" IS NOT NULL);

-- Managing directories: the owner and admin roles hold it. Syncing is the directory's own.
INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('directory.manage', 'Create directories, rotate and revoke their tokens, and change their settings.', 'console'),
  ('directory.sync', 'Push users and groups over SCIM (a directory’s own token).', 'console');
INSERT INTO "role_permissions" ("role_key", "permission_key") VALUES ('owner', 'directory.manage'), ('admin', 'directory.manage');
