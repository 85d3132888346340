-- AlterEnum
ALTER TYPE "MembershipSource" ADD VALUE 'api';

-- The REST API's read scopes. Console permissions: no organization role holds them.
INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('organizations.read', 'Read organizations, their domains, and the roles and permission catalog (the REST API).', 'console'),
  ('members.read', 'Read members, their effective permissions and invitations (the REST API).', 'console');
