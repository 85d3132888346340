-- CreateEnum
CREATE TYPE "ConsoleRole" AS ENUM ('owner', 'admin', 'viewer');

-- CreateEnum
CREATE TYPE "ConsoleUserSource" AS ENUM ('bootstrap', 'invitation');

-- CreateTable
CREATE TABLE "console_users" (
    "user_id" UUID NOT NULL,
    "role" "ConsoleRole" NOT NULL DEFAULT 'viewer',
    "source" "ConsoleUserSource" NOT NULL DEFAULT 'invitation',
    "status" "MembershipStatus" NOT NULL DEFAULT 'active',
    "suspended_at" TIMESTAMPTZ(3),
    "invited_by_email" TEXT,
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "console_users_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "console_invitations" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "ConsoleRole" NOT NULL DEFAULT 'viewer',
    "token_hash" TEXT NOT NULL,
    "token_nonce" TEXT NOT NULL,
    "lifetime_days" INTEGER NOT NULL DEFAULT 7,
    "status" "InvitationStatus" NOT NULL DEFAULT 'pending',
    "delivery_status" "DeliveryStatus" NOT NULL DEFAULT 'queued',
    "delivery_error" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "send_count" INTEGER NOT NULL DEFAULT 0,
    "last_sent_at" TIMESTAMPTZ(3),
    "invited_by_email" TEXT,
    "invited_by_id" UUID,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "console_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "console_users_role_status_idx" ON "console_users"("role", "status");

-- CreateIndex
CREATE UNIQUE INDEX "console_invitations_token_hash_key" ON "console_invitations"("token_hash");

-- CreateIndex
CREATE INDEX "console_invitations_status_created_at_idx" ON "console_invitations"("status", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "console_users" ADD CONSTRAINT "console_users_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "console_invitations" ADD CONSTRAINT "console_invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "console_invitations" ADD CONSTRAINT "console_invitations_accepted_by_id_fkey" FOREIGN KEY ("accepted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invariants the database holds, beside the code that refuses them first with a message.
ALTER TABLE "console_users"
  ADD CONSTRAINT "console_users_suspended_at_check" CHECK (("status" = 'suspended') = ("suspended_at" IS NOT NULL));
ALTER TABLE "console_invitations"
  ADD CONSTRAINT "console_invitations_lifetime_days_check" CHECK ("lifetime_days" BETWEEN 1 AND 30),
  ADD CONSTRAINT "console_invitations_accepted_at_check" CHECK ("status" <> 'accepted' OR "accepted_at" IS NOT NULL),
  ADD CONSTRAINT "console_invitations_revoked_at_check" CHECK ("status" <> 'revoked' OR "revoked_at" IS NOT NULL),
  ADD CONSTRAINT "console_invitations_send_count_check" CHECK ("send_count" >= 0);
-- One pending console invitation per address.
CREATE UNIQUE INDEX "console_invitations_one_pending_per_email" ON "console_invitations" ("email") WHERE "status" = 'pending';

-- The console's own permission: managing the console's users. No organization role holds it.
INSERT INTO "permissions" ("key", "description", "kind")
VALUES ('console.manage', 'Invite console users, change their console roles, suspend and remove them.', 'console')
ON CONFLICT ("key") DO NOTHING;
