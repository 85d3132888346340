-- The per-state counters were locked in a fixed order within one statement, but a transaction
-- with two statements that change states (insert a row, then recompute its state) could take
-- them in another order than a concurrent one-statement change, and deadlock on PostgreSQL.
-- Now the first change in a transaction locks every counter row, always in the same order.
CREATE OR REPLACE FUNCTION organization_state_counts_apply(deltas jsonb) RETURNS void AS $$
DECLARE
  r record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM jsonb_each_text(deltas) WHERE value::bigint <> 0) THEN
    RETURN;
  END IF;
  PERFORM 1 FROM "organization_state_counts" ORDER BY "state" FOR UPDATE;
  FOR r IN SELECT key::"OrganizationState" AS state, value::bigint AS delta
           FROM jsonb_each_text(deltas) ORDER BY key LOOP
    IF r.delta <> 0 THEN
      UPDATE "organization_state_counts" SET "count" = "count" + r.delta WHERE "state" = r.state;
    END IF;
  END LOOP;
END
$$ LANGUAGE plpgsql;
