-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "organization_id" UUID,
    "created_by_email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_email" TEXT,
    "last_used_at" TIMESTAMPTZ(3),
    "last_used_ip" TEXT,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_idempotency_keys" (
    "api_key_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER,
    "body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "api_idempotency_keys_pkey" PRIMARY KEY ("api_key_id","idempotency_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_created_at_id_idx" ON "api_keys"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "api_keys_organization_id_idx" ON "api_keys"("organization_id");

-- CreateIndex
CREATE INDEX "api_idempotency_keys_created_at_idx" ON "api_idempotency_keys"("created_at");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A key has at least one scope; it expires after it was made; a revocation says who revoked it.
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_check" CHECK ("scopes" IS NOT NULL AND cardinality("scopes") >= 1);
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_expiry_check" CHECK ("expires_at" IS NULL OR "expires_at" > "created_at");
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revoked_check" CHECK (("revoked_at" IS NULL) = ("revoked_by_email" IS NULL));
-- Keys never carry the console's own powers.
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_allowed_check"
  CHECK (NOT ("scopes" && ARRAY['console.manage', 'invitations.accept', 'directory.sync', 'organizations.launch_override', 'api_keys.manage']::text[]));

INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('api_keys.manage', 'Create and revoke API keys for the builder’s app.', 'console'),
  ('activity.report', 'Report end-user activity from the builder’s app.', 'console');
