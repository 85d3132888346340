-- How each member joined, and when they last signed in.
-- CreateEnum
CREATE TYPE "MembershipSource" AS ENUM ('invitation', 'auto_join', 'sso', 'directory');

-- AlterTable: existing members joined by an accepted invitation, or else by auto-join (the only
-- two ways in so far); the default exists only for the backfill.
ALTER TABLE "memberships" ADD COLUMN     "joined_via" "MembershipSource" NOT NULL DEFAULT 'auto_join',
ADD COLUMN     "last_sign_in_at" TIMESTAMPTZ(3);

UPDATE "memberships" m SET "joined_via" = 'invitation'
WHERE EXISTS (
  SELECT 1 FROM "invitations" i
  WHERE i."organization_id" = m."organization_id" AND i."accepted_by_id" = m."user_id" AND i."status" = 'accepted'
);

ALTER TABLE "memberships" ALTER COLUMN "joined_via" DROP DEFAULT;
