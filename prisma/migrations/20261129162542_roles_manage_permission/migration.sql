-- The permission to manage roles and the app's permission keys: a console permission, held by
-- console users, which no organization role can hold.
INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('roles.manage', 'Create, change and delete roles, and the app’s own permission keys.', 'console');

-- Background jobs are the console's too: no organization role holds jobs.manage.
DELETE FROM "role_permissions" WHERE "permission_key" IN ('jobs.manage', 'organizations.create', 'invitations.accept', 'roles.manage');
