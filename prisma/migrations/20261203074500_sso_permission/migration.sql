-- Managing SSO connections: the owner and admin roles hold it (the admin role's description
-- already names SSO).
INSERT INTO "permissions" ("key", "description", "kind") VALUES
  ('sso.manage', 'Create, configure, enable, disable and delete SSO connections.', 'console');
INSERT INTO "role_permissions" ("role_key", "permission_key") VALUES ('owner', 'sso.manage'), ('admin', 'sso.manage');
