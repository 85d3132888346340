import { applyMigrations } from './migrate';
import { pgliteRunner, withPostgresRunner } from './runner';
import { resolveDatabaseTarget } from './target';

/** Applies pending migrations to DATABASE_URL (PostgreSQL or a PGlite folder). */
export async function deployMigrations(url = process.env.DATABASE_URL): Promise<string[]> {
  const target = resolveDatabaseTarget(url);
  if (target.kind === 'postgres') return withPostgresRunner(target.url, (runner) => applyMigrations(runner));
  // Loaded only for PGlite: a PostgreSQL installation never holds the embedded engine in memory.
  const { openPglite } = await import('./pglite');
  const pglite = await openPglite(target.dataDir);
  try {
    return await applyMigrations(pgliteRunner(pglite));
  } finally {
    await pglite.close();
  }
}
