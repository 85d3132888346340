-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "break_glass" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "require_sso" BOOLEAN NOT NULL DEFAULT false;

-- Only an owner can be a break-glass owner.
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_break_glass_owner_check" CHECK (NOT "break_glass" OR "role" = 'owner');
