-- Groups: an organization's members in named sets whose roles reach each member. A member and its
-- group always belong to the same organization (composite foreign keys).
-- CreateEnum
CREATE TYPE "GroupSource" AS ENUM ('manual', 'directory');

-- CreateTable
CREATE TABLE "groups" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" "GroupSource" NOT NULL DEFAULT 'manual',
    "external_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_members" (
    "group_id" UUID NOT NULL,
    "membership_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_members_pkey" PRIMARY KEY ("group_id","membership_id")
);

-- CreateTable
CREATE TABLE "group_roles" (
    "group_id" UUID NOT NULL,
    "role_key" TEXT NOT NULL,

    CONSTRAINT "group_roles_pkey" PRIMARY KEY ("group_id","role_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "groups_organization_id_name_key" ON "groups"("organization_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "groups_organization_id_external_id_key" ON "groups"("organization_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "groups_id_organization_id_key" ON "groups"("id", "organization_id");

-- CreateIndex
CREATE INDEX "group_members_membership_id_idx" ON "group_members"("membership_id");

-- CreateIndex
CREATE INDEX "group_roles_role_key_idx" ON "group_roles"("role_key");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_id_organization_id_key" ON "memberships"("id", "organization_id");

-- AddForeignKey
ALTER TABLE "groups" ADD CONSTRAINT "groups_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_organization_id_fkey" FOREIGN KEY ("group_id", "organization_id") REFERENCES "groups"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_membership_id_organization_id_fkey" FOREIGN KEY ("membership_id", "organization_id") REFERENCES "memberships"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_roles" ADD CONSTRAINT "group_roles_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_roles" ADD CONSTRAINT "group_roles_role_key_fkey" FOREIGN KEY ("role_key") REFERENCES "roles"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A group from a directory carries the directory's id for it; names are not blank.
ALTER TABLE "groups" ADD CONSTRAINT "groups_external_id_check" CHECK ("source" = 'manual' OR "external_id" IS NOT NULL);
ALTER TABLE "groups" ADD CONSTRAINT "groups_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 100);

-- Managing groups: the owner and admin roles hold it.
INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('groups.manage', 'Create and change groups, their members and their roles.', 'console');
INSERT INTO "role_permissions" ("role_key", "permission_key") VALUES ('owner', 'groups.manage'), ('admin', 'groups.manage');
