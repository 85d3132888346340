-- State reasons are stored as codes with parameters now, not sentences. Reasons are derived, so
-- every organization that has some is marked due: the next read or the scheduler's catch-up
-- recomputes it in the new shape.
UPDATE "organizations" SET "state_valid_until" = now() WHERE "state_reasons" <> '[]'::jsonb;
