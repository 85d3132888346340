-- CreateTable
CREATE TABLE "role_mappings" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "group" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "allow_owner" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "role_mappings_role_idx" ON "role_mappings"("role");

-- CreateIndex
CREATE UNIQUE INDEX "role_mappings_organization_id_group_key" ON "role_mappings"("organization_id", "group");

-- AddForeignKey
ALTER TABLE "role_mappings" ADD CONSTRAINT "role_mappings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_mappings" ADD CONSTRAINT "role_mappings_role_fkey" FOREIGN KEY ("role") REFERENCES "roles"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Owner only with the explicit allowance; a group name as sent, 1 to 256 characters.
ALTER TABLE "role_mappings" ADD CONSTRAINT "role_mappings_owner_check" CHECK ("role" <> 'owner' OR "allow_owner");
ALTER TABLE "role_mappings" ADD CONSTRAINT "role_mappings_group_check" CHECK (length("group") BETWEEN 1 AND 256);
