-- AlterTable
ALTER TABLE "organization_state_counts" DROP CONSTRAINT "organization_state_counts_pkey",
ADD COLUMN     "slot" SMALLINT NOT NULL DEFAULT 0,
ADD CONSTRAINT "organization_state_counts_pkey" PRIMARY KEY ("state", "slot");

-- Sixteen slots per state. The existing rows are slot 0 and keep their counts.
ALTER TABLE "organization_state_counts"
  ADD CONSTRAINT "organization_state_counts_slot_check" CHECK ("slot" BETWEEN 0 AND 15);
INSERT INTO "organization_state_counts" ("state", "slot", "count")
SELECT s, g, 0 FROM unnest(enum_range(NULL::"OrganizationState")) AS s, generate_series(1, 15) AS g
ON CONFLICT DO NOTHING;

-- A transaction writes one slot, picked by its id: concurrent creates land on different rows and
-- don't wait for each other's commit. Within the slot, the first change in a transaction still
-- locks every state's row in one order, so two writers of the same slot never deadlock.
CREATE OR REPLACE FUNCTION organization_state_counts_apply(deltas jsonb) RETURNS void AS $$
DECLARE
  r record;
  my_slot smallint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM jsonb_each_text(deltas) WHERE value::bigint <> 0) THEN
    RETURN;
  END IF;
  my_slot := (txid_current() % 16)::smallint;
  PERFORM 1 FROM "organization_state_counts" WHERE "slot" = my_slot ORDER BY "state" FOR UPDATE;
  FOR r IN SELECT key::"OrganizationState" AS state, value::bigint AS delta
           FROM jsonb_each_text(deltas) ORDER BY key LOOP
    IF r.delta <> 0 THEN
      UPDATE "organization_state_counts" SET "count" = "count" + r.delta WHERE "state" = r.state AND "slot" = my_slot;
    END IF;
  END LOOP;
END
$$ LANGUAGE plpgsql;
