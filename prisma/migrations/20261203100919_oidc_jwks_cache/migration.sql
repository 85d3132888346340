-- AlterTable
ALTER TABLE "sso_connections" ADD COLUMN     "jwks_cache" JSONB;
