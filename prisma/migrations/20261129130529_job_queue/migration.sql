-- The invitation outbox becomes one general job queue; its rows move over unchanged in meaning.
-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'done', 'dead', 'cancelled');

-- CreateTable
CREATE TABLE "jobs" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 8,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "organization_id" UUID,
    "subject_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_probe_runs" (
    "id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "worker_id" TEXT NOT NULL,
    "ran_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_probe_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scheduler_heartbeats" (
    "instance_id" TEXT NOT NULL,
    "loop" TEXT NOT NULL,
    "last_success_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scheduler_heartbeats_pkey" PRIMARY KEY ("instance_id","loop")
);

-- CreateIndex
CREATE INDEX "jobs_status_run_at_idx" ON "jobs"("status", "run_at");

-- CreateIndex
CREATE INDEX "jobs_subject_id_idx" ON "jobs"("subject_id");

-- CreateIndex
CREATE INDEX "jobs_status_finished_at_idx" ON "jobs"("status", "finished_at" DESC);

-- CreateIndex
CREATE INDEX "job_probe_runs_job_id_idx" ON "job_probe_runs"("job_id");

-- CreateIndex
CREATE INDEX "scheduler_heartbeats_loop_last_success_at_idx" ON "scheduler_heartbeats"("loop", "last_success_at" DESC);

-- What the queue assumes, held by the database.
ALTER TABLE "jobs"
  ADD CONSTRAINT "jobs_attempts_check" CHECK ("attempts" >= 0 AND "max_attempts" >= 1),
  ADD CONSTRAINT "jobs_finished_at_check" CHECK (("status" = 'queued') = ("finished_at" IS NULL));

-- Invitation emails waiting in (or done by) the old outbox carry on as jobs of kind email.invitation.
INSERT INTO "jobs" ("id", "kind", "payload", "status", "attempts", "max_attempts", "run_at", "locked_until", "last_error", "organization_id", "subject_id", "created_at", "finished_at")
SELECT o."id", 'email.invitation',
       jsonb_build_object('invitationId', o."invitation_id", 'tokenNonce', o."token_nonce", 'to', o."to_address"),
       CASE o."status" WHEN 'queued' THEN 'queued'::"JobStatus" WHEN 'sent' THEN 'done'::"JobStatus" WHEN 'failed' THEN 'dead'::"JobStatus" ELSE 'cancelled'::"JobStatus" END,
       o."attempts", GREATEST(10, o."attempts"), o."next_attempt_at", NULL, o."last_error", i."organization_id", o."invitation_id", o."created_at",
       CASE WHEN o."status" = 'queued' THEN NULL ELSE COALESCE(o."sent_at", o."created_at") END
FROM "outbox_messages" o LEFT JOIN "invitations" i ON i."id" = o."invitation_id"
WHERE o."kind" = 'invitation';

ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_invitation_id_fkey";
DROP TABLE "outbox_messages";
DROP TYPE "OutboxStatus";
