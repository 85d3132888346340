-- The list sorts by severity, name, creation or last activity, each from an index (one per state
-- and one for all states, so a chip's page and the whole list both read in order).
-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Existing organizations: their last change, or their latest end-user activity if later.
UPDATE "organizations" o SET "last_activity_at" = GREATEST(
  o."updated_at",
  o."created_at",
  COALESCE((SELECT max(a."occurred_at") FROM "end_user_activity" a WHERE a."organization_id" = o."id"), o."created_at")
);

-- CreateIndex
CREATE INDEX "organizations_state_name_id_idx" ON "organizations"("state", "name", "id");

-- CreateIndex
CREATE INDEX "organizations_name_id_idx" ON "organizations"("name", "id");

-- CreateIndex
CREATE INDEX "organizations_state_last_activity_at_id_idx" ON "organizations"("state", "last_activity_at", "id");

-- CreateIndex
CREATE INDEX "organizations_last_activity_at_id_idx" ON "organizations"("last_activity_at", "id");
