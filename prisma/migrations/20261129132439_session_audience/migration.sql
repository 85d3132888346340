-- A session says what it opens: the console needs a builder's own sign-in link, never an accepted invitation.
-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "audience" TEXT NOT NULL DEFAULT 'member';

-- Existing sessions open the member area only: builders sign in to the console again once.
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_audience_check" CHECK ("audience" IN ('console', 'member'));
