import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { SqlRunner } from './migrate';

export function pgliteRunner(pglite: PGlite): SqlRunner {
  return {
    query: async (sql, params) => ({ rows: (await pglite.query(sql, params)).rows as never[] }),
    exec: async (script) => {
      await pglite.exec(script);
    },
  };
}

export async function withPostgresRunner<T>(url: string, fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn({
      query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
      exec: async (script) => {
        await client.query(script);
      },
    });
  } finally {
    await client.end();
  }
}
