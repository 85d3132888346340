-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "template_fingerprint" TEXT;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "launch_applicable" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "launch_failing" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "launch_override_reason" TEXT,
ADD COLUMN     "launch_passed" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "launch_rank" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "launched_at" TIMESTAMPTZ(3),
ADD COLUMN     "launched_by" TEXT,
ADD COLUMN     "role_mappings_changed_at" TIMESTAMPTZ(3),
ADD COLUMN     "role_mappings_reviewed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "organizations_launch_rank_id_idx" ON "organizations"("launch_rank", "id");
-- The stored launch summary is coherent, and a launch's who and reason belong to a launch.
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_launch_counts_check"
  CHECK ("launch_passed" BETWEEN 0 AND "launch_applicable");
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_launch_check"
  CHECK (("launched_by" IS NULL AND "launch_override_reason" IS NULL) OR "launched_at" IS NOT NULL);
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_launch_override_reason_check"
  CHECK ("launch_override_reason" IS NULL OR length("launch_override_reason") BETWEEN 1 AND 1000);

-- Marking an organization launched: the owner role holds it. Overriding failing checks is the console's.
INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('organizations.launch', 'Mark an organization as launched once every applicable launch check passes.', 'console'),
  ('organizations.launch_override', 'Mark an organization as launched despite failing checks, with a reason.', 'console');
INSERT INTO "role_permissions" ("role_key", "permission_key") VALUES ('owner', 'organizations.launch');
-- The list's launch sort key follows the summary: checks left to pass, or 1000 once launched.
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_launch_rank_check"
  CHECK ("launch_rank" = CASE WHEN "launched_at" IS NOT NULL THEN 1000 ELSE "launch_applicable" - "launch_passed" END);
