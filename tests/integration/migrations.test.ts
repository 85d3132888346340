import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError, readMigrations, type SqlRunner } from '@/lib/db/migrate';
import { openPglite } from '@/lib/db/pglite';
import { pgliteRunner } from '@/lib/db/runner';

function migrationsDir(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgdesk-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

type Scratch = { runner: SqlRunner; close: () => Promise<void> };

/** A fresh, empty database on each engine under test. */
const engines: [string, () => Promise<Scratch>][] = [
  [
    'PGlite',
    async () => {
      const pglite = await openPglite(null);
      return { runner: pgliteRunner(pglite), close: () => pglite.close() };
    },
  ],
];
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  engines.push([
    'PostgreSQL',
    async () => {
      const name = `orgdesk_migrate_${crypto.randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(postgresUrl);
      url.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      return {
        runner: {
          query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
          exec: async (script) => {
            await client.query(script);
          },
        },
        close: async () => {
          await client.end();
          await admin.query(`DROP DATABASE ${name}`);
          await admin.end();
        },
      };
    },
  ]);
}

describe.each(engines)('migrations on %s', (_engine, open) => {
  it('apply in order, record themselves, and are not applied twice', async () => {
    const { runner, close } = await open();
    const dir = migrationsDir({
      '001_a': 'CREATE TABLE a (id int);',
      '002_b': 'CREATE TABLE b (id int); INSERT INTO b VALUES (1);',
    });
    expect(await applyMigrations(runner, readMigrations(dir))).toEqual(['001_a', '002_b']);
    expect(await applyMigrations(runner, readMigrations(dir))).toEqual([]);
    const { rows } = await runner.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(['001_a', '002_b']);
    await close();
  });

  it('a broken migration fails, rolls back its own statements and is not recorded as applied', async () => {
    const { runner, close } = await open();
    const dir = migrationsDir({
      '001_ok': 'CREATE TABLE ok (id int);',
      '002_broken': 'CREATE TABLE half (id int);\nALTER TABLE does_not_exist ADD COLUMN x int;',
    });
    await expect(applyMigrations(runner, readMigrations(dir))).rejects.toThrow(MigrationError);
    await expect(applyMigrations(runner, readMigrations(dir))).rejects.toThrow(/002_broken failed/);
    const recorded = await runner.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations');
    expect(recorded.rows.map((r) => r.migration_name)).toEqual(['001_ok']);
    const half = await runner.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'half'");
    expect(half.rows[0]!.n).toBe(0);
    await close();
  });

  it('the real history applies cleanly to an empty database', async () => {
    const { runner, close } = await open();
    const applied = await applyMigrations(runner);
    expect(applied.length).toBe(readMigrations().length);
    const { rows } = await runner.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'organizations'");
    expect(rows[0]!.n).toBe(1);
    await close();
  });
});
