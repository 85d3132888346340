import fs from 'node:fs';
import path from 'node:path';
import { applyMigrations } from '../../lib/db/migrate';
import { openPglite } from '../../lib/db/pglite';
import { pgliteRunner, withPostgresRunner } from '../../lib/db/runner';

export const SNAPSHOT_PATH = path.resolve(__dirname, '../../.data/test/migrated-snapshot.tar.gz');

/**
 * Migrates once per run: PostgreSQL when TEST_DATABASE_URL is set; otherwise a PGlite snapshot
 * that every test file restores in about a second instead of migrating afresh.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await withPostgresRunner(url, (runner) => applyMigrations(runner));
    return;
  }
  const pglite = await openPglite(null);
  await applyMigrations(pgliteRunner(pglite));
  const dump = await pglite.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(SNAPSHOT_PATH), { recursive: true });
  fs.writeFileSync(SNAPSHOT_PATH, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}
