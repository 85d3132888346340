-- SCIM filters on a user's email values (`emails.value eq`, `emails[type eq "work"].value eq`)
-- use this index: every email value, lower-cased, as one jsonb array per user.
CREATE INDEX "directory_users_email_values_idx" ON "directory_users"
  USING gin ((lower(jsonb_path_query_array("data", '$.emails[*].value')::text)::jsonb));
