-- CreateTable
CREATE TABLE "organization_state_counts" (
    "state" "OrganizationState" NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "organization_state_counts_pkey" PRIMARY KEY ("state")
);

-- Keep the per-state counts exact on every insert, update and delete, whatever code path
-- writes: one statement-level trigger per event, aggregating its transition table.
INSERT INTO "organization_state_counts" ("state", "count")
SELECT s, (SELECT count(*) FROM "organizations" o WHERE o."state" = s)
FROM unnest(enum_range(NULL::"OrganizationState")) AS s;

CREATE FUNCTION organization_state_counts_apply(deltas jsonb) RETURNS void AS $$
DECLARE
  r record;
BEGIN
  -- A fixed order, so concurrent writers lock the count rows in the same order.
  FOR r IN SELECT key::"OrganizationState" AS state, value::bigint AS delta
           FROM jsonb_each_text(deltas) ORDER BY key LOOP
    IF r.delta <> 0 THEN
      UPDATE "organization_state_counts" SET "count" = "count" + r.delta WHERE "state" = r.state;
    END IF;
  END LOOP;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION organization_state_counts_on_insert() RETURNS trigger AS $$
BEGIN
  PERFORM organization_state_counts_apply(
    (SELECT coalesce(jsonb_object_agg(state, n), '{}'::jsonb) FROM (SELECT "state" AS state, count(*) AS n FROM new_rows GROUP BY "state") d));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION organization_state_counts_on_delete() RETURNS trigger AS $$
BEGIN
  PERFORM organization_state_counts_apply(
    (SELECT coalesce(jsonb_object_agg(state, -n), '{}'::jsonb) FROM (SELECT "state" AS state, count(*) AS n FROM old_rows GROUP BY "state") d));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION organization_state_counts_on_update() RETURNS trigger AS $$
BEGIN
  PERFORM organization_state_counts_apply(
    (SELECT coalesce(jsonb_object_agg(state, n), '{}'::jsonb) FROM (
      SELECT state, sum(n) AS n FROM (
        SELECT "state" AS state, -1 AS n FROM old_rows
        UNION ALL
        SELECT "state" AS state, 1 AS n FROM new_rows) changes
      GROUP BY state) d));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER organization_state_counts_insert AFTER INSERT ON "organizations"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_state_counts_on_insert();
CREATE TRIGGER organization_state_counts_delete AFTER DELETE ON "organizations"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_state_counts_on_delete();
CREATE TRIGGER organization_state_counts_update AFTER UPDATE ON "organizations"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_state_counts_on_update();
