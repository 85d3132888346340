-- AlterEnum
ALTER TYPE "ActivityKind" ADD VALUE 'app_sign_in';

-- CreateTable
CREATE TABLE "applications" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "secret_prefix" TEXT NOT NULL,
    "previous_secret_hash" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "redirect_uris" TEXT[],
    "post_logout_redirect_uris" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_by_email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sign_in_at" TIMESTAMPTZ(3),

    CONSTRAINT "applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oidc_payloads" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "grant_id" TEXT,
    "user_code" TEXT,
    "uid" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "consumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "oidc_payloads_pkey" PRIMARY KEY ("type","id")
);

-- CreateTable
CREATE TABLE "oidc_signing_keys" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "private_jwk_sealed" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),
    "publish_until" TIMESTAMPTZ(3),

    CONSTRAINT "oidc_signing_keys_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "oidc_grant_memberships" (
    "grant_id" TEXT NOT NULL,
    "membership_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oidc_grant_memberships_pkey" PRIMARY KEY ("grant_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "applications_client_id_key" ON "applications"("client_id");

-- CreateIndex
CREATE INDEX "applications_created_at_id_idx" ON "applications"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "oidc_payloads_grant_id_idx" ON "oidc_payloads"("grant_id");

-- CreateIndex
CREATE INDEX "oidc_payloads_uid_idx" ON "oidc_payloads"("uid");

-- CreateIndex
CREATE INDEX "oidc_payloads_expires_at_idx" ON "oidc_payloads"("expires_at");

-- CreateIndex
CREATE INDEX "oidc_grant_memberships_membership_id_idx" ON "oidc_grant_memberships"("membership_id");

-- AddForeignKey
ALTER TABLE "oidc_grant_memberships" ADD CONSTRAINT "oidc_grant_memberships_membership_id_fkey" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An application has at least one redirect URI; a previous secret has its end; one key signs at a time.
ALTER TABLE "applications" ADD CONSTRAINT "applications_redirect_uris_check" CHECK (cardinality("redirect_uris") >= 1);
ALTER TABLE "applications" ADD CONSTRAINT "applications_previous_secret_check" CHECK (("previous_secret_hash" IS NULL) = ("previous_secret_expires_at" IS NULL));
ALTER TABLE "oidc_signing_keys" ADD CONSTRAINT "oidc_signing_keys_retired_check" CHECK (("retired_at" IS NULL) = ("publish_until" IS NULL));
CREATE UNIQUE INDEX "oidc_signing_keys_one_active_idx" ON "oidc_signing_keys" ((true)) WHERE "retired_at" IS NULL;

-- Applications are the console's own: no API key may manage them.
ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_scopes_allowed_check";
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_allowed_check"
  CHECK (NOT ("scopes" && ARRAY['console.manage', 'invitations.accept', 'directory.sync', 'organizations.launch_override', 'api_keys.manage', 'webhooks.manage', 'applications.manage']::text[]));

INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('applications.manage', 'Register the builder’s applications that sign in through Orgdesk, rotate their secrets and the signing keys.', 'console');
