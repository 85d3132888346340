-- AlterTable
ALTER TABLE "directory_groups" ADD COLUMN     "created_organization_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "directory_groups_created_organization_id_key" ON "directory_groups"("created_organization_id");

-- AddForeignKey
ALTER TABLE "directory_groups" ADD CONSTRAINT "directory_groups_created_organization_id_fkey" FOREIGN KEY ("created_organization_id") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
