-- CreateTable
CREATE TABLE "setup_links" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "intents" TEXT[],
    "sent_to" TEXT,
    "token_sealed" TEXT,
    "delivery_status" TEXT,
    "delivery_error" TEXT,
    "created_by_email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_email" TEXT,
    "opened_at" TIMESTAMPTZ(3),
    "last_opened_at" TIMESTAMPTZ(3),

    CONSTRAINT "setup_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "setup_links_token_hash_key" ON "setup_links"("token_hash");

-- CreateIndex
CREATE INDEX "setup_links_organization_id_created_at_id_idx" ON "setup_links"("organization_id", "created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "setup_links" ADD CONSTRAINT "setup_links_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What a link may set up: one to three known intents, each once.
CREATE FUNCTION "setup_link_intents_valid"(intents text[]) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
    SELECT intents IS NOT NULL
      AND cardinality(intents) BETWEEN 1 AND 3
      AND intents <@ ARRAY['domains', 'sso', 'directory']::text[]
      AND cardinality(intents) = (SELECT count(DISTINCT i) FROM unnest(intents) AS i)
  $$;
ALTER TABLE "setup_links" ADD CONSTRAINT "setup_links_intents_check" CHECK ("setup_link_intents_valid"("intents"));

-- A link lives after its creation, 30 days at most.
ALTER TABLE "setup_links" ADD CONSTRAINT "setup_links_expiry_check" CHECK (
  "expires_at" > "created_at" AND "expires_at" <= "created_at" + interval '30 days'
);

-- A revocation says who revoked it; a sealed link waits only for an address to send it to.
ALTER TABLE "setup_links" ADD CONSTRAINT "setup_links_revoked_check" CHECK (("revoked_at" IS NULL) = ("revoked_by_email" IS NULL));
ALTER TABLE "setup_links" ADD CONSTRAINT "setup_links_sealed_check" CHECK ("token_sealed" IS NULL OR "sent_to" IS NOT NULL);
ALTER TABLE "setup_links" ADD CONSTRAINT "setup_links_delivery_check" CHECK (
  ("sent_to" IS NULL AND "delivery_status" IS NULL) OR
  ("sent_to" IS NOT NULL AND "delivery_status" IN ('queued', 'sent', 'failed', 'bounced'))
);

INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('setup_links.manage', 'Create, email and revoke setup links that hand domain, SSO and directory setup to an organization’s IT admin.', 'console');
INSERT INTO "role_permissions" ("role_key", "permission_key") VALUES ('owner', 'setup_links.manage');
