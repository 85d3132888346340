import path from 'node:path';

/** Which engine a DATABASE_URL selects. Pure: no I/O. */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };

export const DEFAULT_PGLITE_DIR = '.data/pglite';

export function resolveDatabaseTarget(url: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const value = url?.trim();
  if (!value) return { kind: 'pglite', dataDir: path.resolve(cwd, DEFAULT_PGLITE_DIR) };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };
  if (value.startsWith('pglite:')) {
    const rest = value.slice('pglite:'.length).replace(/^\/\//, '');
    if (rest === 'memory' || rest === '') return { kind: 'pglite', dataDir: null };
    return { kind: 'pglite', dataDir: path.resolve(cwd, rest) };
  }
  throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or pglite: (got "${value.split(':')[0]}:…").`);
}
