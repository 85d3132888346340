-- CreateEnum
CREATE TYPE "SsoProtocol" AS ENUM ('saml', 'oidc');

-- CreateEnum
CREATE TYPE "SsoProvider" AS ENUM ('okta', 'entra', 'google', 'onelogin', 'jumpcloud', 'generic_saml', 'generic_oidc');

-- CreateEnum
CREATE TYPE "SamlSignedPart" AS ENUM ('assertion', 'response');

-- An organization may have several SSO connections. A connection made before this (only ever by
-- tests and demo code: there was no setup screen) becomes a draft generic SAML connection; its
-- single certificate expiry gives way to real certificates, one row each.
-- DropIndex
DROP INDEX "sso_connections_organization_id_key";

-- AlterTable
ALTER TABLE "sso_connections" DROP COLUMN "certificate_expires_at",
ADD COLUMN     "allow_sha1" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "attribute_mapping" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "client_id" TEXT,
ADD COLUMN     "client_secret_sealed" TEXT,
ADD COLUMN     "clock_skew_seconds" INTEGER NOT NULL DEFAULT 180,
ADD COLUMN     "configured_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "discovery" JSONB,
ADD COLUMN     "discovery_fetched_at" TIMESTAMPTZ(3),
ADD COLUMN     "enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "idp_entity_id" TEXT,
ADD COLUMN     "idp_initiated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "idp_metadata_fetched_at" TIMESTAMPTZ(3),
ADD COLUMN     "idp_metadata_url" TEXT,
ADD COLUMN     "idp_sso_url" TEXT,
ADD COLUMN     "issuer" TEXT,
ADD COLUMN     "name" TEXT NOT NULL DEFAULT 'SSO connection',
ADD COLUMN     "protocol" "SsoProtocol" NOT NULL DEFAULT 'saml',
ADD COLUMN     "provider" "SsoProvider" NOT NULL DEFAULT 'generic_saml',
ADD COLUMN     "signed_part" "SamlSignedPart" NOT NULL DEFAULT 'assertion';

-- CreateTable
CREATE TABLE "sso_certificates" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "pem" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "not_before" TIMESTAMPTZ(3) NOT NULL,
    "not_after" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_certificates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_connection_domains" (
    "connection_id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,

    CONSTRAINT "sso_connection_domains_pkey" PRIMARY KEY ("connection_id","domain_id")
);

-- CreateIndex
CREATE INDEX "sso_certificates_not_after_idx" ON "sso_certificates"("not_after");

-- CreateIndex
CREATE UNIQUE INDEX "sso_certificates_connection_id_fingerprint_key" ON "sso_certificates"("connection_id", "fingerprint");

-- CreateIndex
CREATE INDEX "sso_connection_domains_domain_id_idx" ON "sso_connection_domains"("domain_id");

-- CreateIndex
CREATE UNIQUE INDEX "domains_id_organization_id_key" ON "domains"("id", "organization_id");

-- CreateIndex
CREATE INDEX "sso_connections_organization_id_idx" ON "sso_connections"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "sso_connections_id_organization_id_key" ON "sso_connections"("id", "organization_id");

-- AddForeignKey
ALTER TABLE "sso_certificates" ADD CONSTRAINT "sso_certificates_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sso_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_connection_domains" ADD CONSTRAINT "sso_connection_domains_connection_id_organization_id_fkey" FOREIGN KEY ("connection_id", "organization_id") REFERENCES "sso_connections"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_connection_domains" ADD CONSTRAINT "sso_connection_domains_domain_id_organization_id_fkey" FOREIGN KEY ("domain_id", "organization_id") REFERENCES "domains"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing rows got their values above; new ones must say them.
ALTER TABLE "sso_connections" ALTER COLUMN "name" DROP DEFAULT,
ALTER COLUMN "protocol" DROP DEFAULT,
ALTER COLUMN "provider" DROP DEFAULT;

-- What the database holds, not only the code.
ALTER TABLE "sso_connections"
  ADD CONSTRAINT "sso_connections_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 100),
  ADD CONSTRAINT "sso_connections_clock_skew_check" CHECK ("clock_skew_seconds" BETWEEN 0 AND 600),
  -- A generic provider names its protocol.
  ADD CONSTRAINT "sso_connections_provider_protocol_check" CHECK (
    ("provider" <> 'generic_saml' OR "protocol" = 'saml') AND ("provider" <> 'generic_oidc' OR "protocol" = 'oidc')),
  -- SAML settings on an OIDC connection, or the reverse, mean a confused write.
  ADD CONSTRAINT "sso_connections_protocol_fields_check" CHECK (
    ("protocol" = 'saml' AND "issuer" IS NULL AND "client_id" IS NULL AND "client_secret_sealed" IS NULL)
    OR ("protocol" = 'oidc' AND "idp_entity_id" IS NULL AND "idp_sso_url" IS NULL AND "idp_metadata_url" IS NULL));

ALTER TABLE "sso_certificates"
  ADD CONSTRAINT "sso_certificates_validity_check" CHECK ("not_before" < "not_after"),
  ADD CONSTRAINT "sso_certificates_fingerprint_check" CHECK ("fingerprint" ~ '^[0-9a-f]{64}$');

-- Up to three certificates per connection (enough to rotate without downtime). The connection's
-- row is locked first, so two concurrent inserts can't both see two.
CREATE FUNCTION sso_certificates_limit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM sso_connections WHERE id = NEW.connection_id FOR UPDATE;
  IF (SELECT count(*) FROM sso_certificates WHERE connection_id = NEW.connection_id) >= 3 THEN
    RAISE EXCEPTION 'an SSO connection holds at most 3 certificates' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sso_certificates_limit BEFORE INSERT ON sso_certificates FOR EACH ROW EXECUTE FUNCTION sso_certificates_limit();
