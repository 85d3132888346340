-- AlterTable
ALTER TABLE "domains" ADD COLUMN     "check_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "display_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "include_subdomains" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "last_check_result" TEXT,
ADD COLUMN     "last_checked_at" TIMESTAMP(3),
ADD COLUMN     "next_check_at" TIMESTAMP(3),
ADD COLUMN     "pending_since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "auto_join_approved_at" TIMESTAMP(3),
ADD COLUMN     "auto_join_approved_by" TEXT,
ADD COLUMN     "auto_join_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "auto_join_role" "MemberRole" NOT NULL DEFAULT 'member';

-- CreateIndex
CREATE INDEX "domains_status_next_check_at_idx" ON "domains"("status", "next_check_at");
