import { applyMigrations } from './migrate';
import { openPglite } from './pglite';
import { pgliteRunner, withPostgresRunner } from './runner';
import { resolveDatabaseTarget } from './target';

/** Applies pending migrations to DATABASE_URL (PostgreSQL or a PGlite folder). */
export async function deployMigrations(url = process.env.DATABASE_URL): Promise<string[]> {
  const target = resolveDatabaseTarget(url);
  if (target.kind === 'postgres') return withPostgresRunner(target.url, (runner) => applyMigrations(runner));
  const pglite = await openPglite(target.dataDir);
  try {
    return await applyMigrations(pgliteRunner(pglite));
  } finally {
    await pglite.close();
  }
}
