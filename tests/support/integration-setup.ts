import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { resetConfig } from '../../lib/config';
import { createClient, setDb } from '../../lib/db/client';
import { openPglite } from '../../lib/db/pglite';
import { applyTestEnv } from './env';

applyTestEnv();
resetConfig();

const SNAPSHOT_PATH = path.resolve(__dirname, '../../.data/test/migrated-snapshot.tar.gz');

// Each test file gets its own database: a restored PGlite snapshot, or the shared PostgreSQL.
const url = process.env.TEST_DATABASE_URL;
const clientPromise = url
  ? createClient({ kind: 'postgres', url })
  : openPglite(null, new Blob([fs.readFileSync(SNAPSHOT_PATH)])).then((pglite) => createClient({ kind: 'pglite', dataDir: null }, pglite));
setDb(clientPromise);

afterAll(async () => {
  const client = await clientPromise;
  await client.$disconnect();
});
