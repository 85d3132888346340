-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "end_user_activity_at" TIMESTAMPTZ(3);

-- Existing organizations: the same definition as lastEndUserActivitySql (lib/organizations/activity.ts).
UPDATE "organizations" o SET "end_user_activity_at" = (
  SELECT a.occurred_at FROM end_user_activity a
  WHERE a.organization_id = o.id
    AND NOT EXISTS (
      SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id JOIN roles r ON r.key = m.role
      WHERE m.organization_id = a.organization_id
        AND r.operating_team
        AND a.actor_email IS NOT NULL AND u.email = a.actor_email)
  ORDER BY a.occurred_at DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM end_user_activity a WHERE a.organization_id = o.id);
