-- A role limited to one organization is used there only: by its memberships, its invitations, its
-- auto-join setting and its groups. The command layer refuses it first, with a message; the
-- database holds it whatever writes.
CREATE FUNCTION "role_usable_in"(p_role TEXT, p_organization UUID) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM "roles" r
    WHERE r."key" = p_role AND (r."organization_id" IS NULL OR r."organization_id" = p_organization)
  );
$$;

CREATE FUNCTION "check_role_scope"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org UUID;
  role_key TEXT;
BEGIN
  IF TG_TABLE_NAME = 'organizations' THEN
    org := NEW."id";
    role_key := NEW."auto_join_role";
  ELSIF TG_TABLE_NAME = 'group_roles' THEN
    SELECT g."organization_id" INTO org FROM "groups" g WHERE g."id" = NEW."group_id";
    role_key := NEW."role_key";
  ELSE
    org := NEW."organization_id";
    role_key := NEW."role";
  END IF;
  IF NOT "role_usable_in"(role_key, org) THEN
    RAISE EXCEPTION 'The role % can''t be used in organization %', role_key, org USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "memberships_role_scope" BEFORE INSERT OR UPDATE OF "role", "organization_id" ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "check_role_scope"();
CREATE TRIGGER "invitations_role_scope" BEFORE INSERT OR UPDATE OF "role", "organization_id" ON "invitations"
  FOR EACH ROW EXECUTE FUNCTION "check_role_scope"();
CREATE TRIGGER "organizations_auto_join_role_scope" BEFORE INSERT OR UPDATE OF "auto_join_role" ON "organizations"
  FOR EACH ROW EXECUTE FUNCTION "check_role_scope"();
CREATE TRIGGER "group_roles_role_scope" BEFORE INSERT OR UPDATE ON "group_roles"
  FOR EACH ROW EXECUTE FUNCTION "check_role_scope"();

-- A role's scope can't move away from where it is used.
CREATE FUNCTION "check_role_rescope"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."organization_id" IS NOT NULL AND NEW."organization_id" IS DISTINCT FROM OLD."organization_id" AND (
    EXISTS (SELECT 1 FROM "memberships" m WHERE m."role" = NEW."key" AND m."organization_id" <> NEW."organization_id")
    OR EXISTS (SELECT 1 FROM "invitations" i WHERE i."role" = NEW."key" AND i."organization_id" <> NEW."organization_id")
    OR EXISTS (SELECT 1 FROM "organizations" o WHERE o."auto_join_role" = NEW."key" AND o."id" <> NEW."organization_id")
    OR EXISTS (SELECT 1 FROM "group_roles" gr JOIN "groups" g ON g."id" = gr."group_id"
               WHERE gr."role_key" = NEW."key" AND g."organization_id" <> NEW."organization_id")
  ) THEN
    RAISE EXCEPTION 'The role % is used outside organization %', NEW."key", NEW."organization_id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "roles_rescope" BEFORE UPDATE OF "organization_id" ON "roles"
  FOR EACH ROW EXECUTE FUNCTION "check_role_rescope"();
