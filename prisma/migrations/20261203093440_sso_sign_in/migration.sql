-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "sso_connection_id" UUID;

-- AlterTable
ALTER TABLE "sso_connections" ADD COLUMN     "last_test_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_test_attempt_id" UUID;

-- CreateTable
CREATE TABLE "sso_requests" (
    "id" TEXT NOT NULL,
    "connection_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "return_to" TEXT,
    "code_verifier_sealed" TEXT,
    "nonce" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_seen_assertions" (
    "connection_id" UUID NOT NULL,
    "assertion_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_seen_assertions_pkey" PRIMARY KEY ("connection_id","assertion_id")
);

-- CreateTable
CREATE TABLE "sso_sign_in_attempts" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT NOT NULL,
    "subject" TEXT,
    "email" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "sso_sign_in_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_identities" (
    "id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sign_in_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_tickets" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_tickets_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "sso_requests_expires_at_idx" ON "sso_requests"("expires_at");

-- CreateIndex
CREATE INDEX "sso_seen_assertions_expires_at_idx" ON "sso_seen_assertions"("expires_at");

-- CreateIndex
CREATE INDEX "sso_sign_in_attempts_connection_id_occurred_at_idx" ON "sso_sign_in_attempts"("connection_id", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "sso_identities_user_id_idx" ON "sso_identities"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sso_identities_connection_id_subject_key" ON "sso_identities"("connection_id", "subject");

-- CreateIndex
CREATE INDEX "sso_tickets_expires_at_idx" ON "sso_tickets"("expires_at");

-- CreateIndex
CREATE INDEX "sessions_sso_connection_id_idx" ON "sessions"("sso_connection_id");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_sso_connection_id_fkey" FOREIGN KEY ("sso_connection_id") REFERENCES "sso_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_requests" ADD CONSTRAINT "sso_requests_connection_id_organization_id_fkey" FOREIGN KEY ("connection_id", "organization_id") REFERENCES "sso_connections"("id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_seen_assertions" ADD CONSTRAINT "sso_seen_assertions_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sso_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_sign_in_attempts" ADD CONSTRAINT "sso_sign_in_attempts_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sso_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_identities" ADD CONSTRAINT "sso_identities_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sso_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_identities" ADD CONSTRAINT "sso_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_tickets" ADD CONSTRAINT "sso_tickets_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "sso_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What the code assumes, held by the database too.
ALTER TABLE "sso_requests" ADD CONSTRAINT "sso_requests_purpose_check" CHECK ("purpose" IN ('test', 'sign_in'));
ALTER TABLE "sso_requests" ADD CONSTRAINT "sso_requests_expiry_check" CHECK ("expires_at" > "created_at");
ALTER TABLE "sso_sign_in_attempts" ADD CONSTRAINT "sso_sign_in_attempts_outcome_check" CHECK ("outcome" ~ '^(success|[a-z0-9_]+)$');
ALTER TABLE "sso_identities" ADD CONSTRAINT "sso_identities_subject_check" CHECK (length("subject") BETWEEN 1 AND 1024);
