import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** Opens PGlite with the extensions the migrations need. Creates the folder: PGlite won't. */
export async function openPglite(dataDir: string | null, snapshot?: Blob): Promise<PGlite> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite({
    dataDir: dataDir ?? undefined,
    extensions: { pg_trgm },
    loadDataDir: snapshot,
  });
  await pglite.waitReady;
  return pglite;
}
