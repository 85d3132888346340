-- Core: timestamptz everywhere, the audit log, and invariants the database holds itself.
-- Existing timestamps were written as UTC: convert them as UTC, whatever the server's zone.
SET LOCAL TimeZone = 'UTC';

-- Who invited must be a user: clear references to users that no longer exist before the key.
UPDATE "invitations" SET "invited_by_id" = NULL
WHERE "invited_by_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = "invitations"."invited_by_id");

-- AlterTable
ALTER TABLE "dev_mailbox_messages" ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "directories" ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "domains" ALTER COLUMN "verified_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "last_checked_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "next_check_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "pending_since" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "end_user_activity" ALTER COLUMN "occurred_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "invitations" ALTER COLUMN "expires_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "last_sent_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "accepted_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "revoked_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "memberships" ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "organization_slug_redirects" ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "organizations" ALTER COLUMN "state_valid_until" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "suspended_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "auto_join_approved_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "outbox_messages" ALTER COLUMN "next_attempt_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "locked_until" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "sent_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "rate_limits" ALTER COLUMN "reset_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "retired_invitation_tokens" ALTER COLUMN "retired_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "sessions" ALTER COLUMN "expires" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "sso_connections" ALTER COLUMN "certificate_expires_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "users" ALTER COLUMN "email_verified" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(3),
ALTER COLUMN "updated_at" SET DATA TYPE TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "verification_tokens" ALTER COLUMN "expires" SET DATA TYPE TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "organization_id" UUID,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "target_label" TEXT,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "request_id" TEXT,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_events_organization_id_occurred_at_id_idx" ON "audit_events"("organization_id", "occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_id_idx" ON "audit_events"("occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_action_occurred_at_id_idx" ON "audit_events"("action", "occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_email_occurred_at_id_idx" ON "audit_events"("actor_email", "occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "memberships_organization_id_created_at_id_idx" ON "memberships"("organization_id", "created_at", "id");

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One pending (non-test) invitation per address per organization. Older duplicates, which a
-- resend of a superseded invitation could create, become expired first.
UPDATE "invitations" i SET "status" = 'expired'
WHERE i."status" = 'pending' AND NOT i."is_test" AND EXISTS (
  SELECT 1 FROM "invitations" newer
  WHERE newer."organization_id" = i."organization_id" AND newer."email" = i."email"
    AND newer."status" = 'pending' AND NOT newer."is_test"
    AND (newer."created_at", newer."id") > (i."created_at", i."id"));
CREATE UNIQUE INDEX "invitations_one_pending_per_address_key"
  ON "invitations" ("organization_id", "email") WHERE "status" = 'pending' AND NOT "is_test";

-- At most one organization holds a domain name verified.
UPDATE "domains" d SET "status" = 'pending', "verified_at" = NULL
WHERE d."status" = 'verified' AND EXISTS (
  SELECT 1 FROM "domains" first
  WHERE first."name" = d."name" AND first."status" = 'verified'
    AND (first."verified_at", first."id") < (d."verified_at", d."id"));
CREATE UNIQUE INDEX "domains_one_verified_owner_key" ON "domains" ("name") WHERE "status" = 'verified';

-- What the code assumes, held by the database too.
UPDATE "invitations" SET "accepted_at" = "updated_at" WHERE "status" = 'accepted' AND "accepted_at" IS NULL;
UPDATE "invitations" SET "revoked_at" = "updated_at" WHERE "status" = 'revoked' AND "revoked_at" IS NULL;
UPDATE "organizations" SET "suspended_at" = "updated_at" WHERE "status" = 'suspended' AND "suspended_at" IS NULL;
UPDATE "organizations" SET "suspended_at" = NULL WHERE "status" = 'active' AND "suspended_at" IS NOT NULL;
UPDATE "organizations" SET "auto_join_enabled" = false WHERE "auto_join_enabled" AND ("auto_join_approved_at" IS NULL OR "auto_join_approved_by" IS NULL);
UPDATE "organizations" SET "auto_join_role" = 'admin' WHERE "auto_join_role" = 'owner';
UPDATE "domains" SET "verified_at" = "updated_at" WHERE "status" = 'verified' AND "verified_at" IS NULL;

ALTER TABLE "invitations"
  ADD CONSTRAINT "invitations_lifetime_days_check" CHECK ("lifetime_days" BETWEEN 1 AND 30),
  ADD CONSTRAINT "invitations_accepted_at_check" CHECK ("status" <> 'accepted' OR "accepted_at" IS NOT NULL),
  ADD CONSTRAINT "invitations_revoked_at_check" CHECK ("status" <> 'revoked' OR "revoked_at" IS NOT NULL),
  ADD CONSTRAINT "invitations_send_count_check" CHECK ("send_count" >= 0);
ALTER TABLE "organizations"
  ADD CONSTRAINT "organizations_suspended_at_check" CHECK (("status" = 'suspended') = ("suspended_at" IS NOT NULL)),
  ADD CONSTRAINT "organizations_auto_join_approval_check" CHECK (NOT "auto_join_enabled" OR ("auto_join_approved_at" IS NOT NULL AND "auto_join_approved_by" IS NOT NULL)),
  ADD CONSTRAINT "organizations_auto_join_role_check" CHECK ("auto_join_role" <> 'owner'),
  ADD CONSTRAINT "organizations_counts_check" CHECK ("member_count" >= 0 AND "pending_invitation_count" >= 0 AND "verified_domain_count" >= 0),
  ADD CONSTRAINT "organizations_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 100);
ALTER TABLE "domains"
  ADD CONSTRAINT "domains_verified_at_check" CHECK ("status" <> 'verified' OR "verified_at" IS NOT NULL);
ALTER TABLE "outbox_messages"
  ADD CONSTRAINT "outbox_messages_attempts_check" CHECK ("attempts" >= 0);
