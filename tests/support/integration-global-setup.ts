import fs from 'node:fs';
import path from 'node:path';
import { applyMigrations } from '../../lib/db/migrate';
import { openPglite } from '../../lib/db/pglite';
import { pgliteRunner, withPostgresRunner } from '../../lib/db/runner';
import { TEST_BUILDER, TEST_BUILDER_ID } from './env';

// The console user the tests act as has a user row, as a signed-in builder does.
// A row for that address left by an older run under another id gives way to it.
const CREATE_TEST_BUILDER = `WITH gone AS (DELETE FROM users WHERE email = $2 AND id <> $1::uuid)
  INSERT INTO users (id, email, email_verified, updated_at) VALUES ($1::uuid, $2, now(), now())
  ON CONFLICT (id) DO NOTHING`;

export const SNAPSHOT_PATH = path.resolve(__dirname, '../../.data/test/migrated-snapshot.tar.gz');

/**
 * Migrates once per run: PostgreSQL when TEST_DATABASE_URL is set; otherwise a PGlite snapshot
 * that every test file restores in about a second instead of migrating afresh.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await withPostgresRunner(url, async (runner) => {
      await applyMigrations(runner);
      await runner.query(CREATE_TEST_BUILDER, [TEST_BUILDER_ID, TEST_BUILDER]);
    });
    return;
  }
  const pglite = await openPglite(null);
  await applyMigrations(pgliteRunner(pglite));
  await pglite.query(CREATE_TEST_BUILDER, [TEST_BUILDER_ID, TEST_BUILDER]);
  const dump = await pglite.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(SNAPSHOT_PATH), { recursive: true });
  fs.writeFileSync(SNAPSHOT_PATH, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}
