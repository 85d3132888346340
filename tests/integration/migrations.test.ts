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

  it('roles become rows: a database holding enum roles upgrades with every role kept, and the defaults are protected', async () => {
    const { runner, close } = await open();
    const all = readMigrations();
    const at = all.findIndex((m) => m.name.endsWith('_roles_as_data'));
    expect(at).toBeGreaterThan(0);
    await applyMigrations(runner, all.slice(0, at));
    // The old shape: "MemberRole" enum columns, with a value of each kind.
    await runner.exec(`
      INSERT INTO organizations (id, name, slug, updated_at, auto_join_role) VALUES
        ('00000000-0000-4000-8000-000000000001', 'Old', 'old', now(), 'admin');
      INSERT INTO users (id, email, updated_at) VALUES
        ('00000000-0000-4000-8000-0000000000a1', 'o@old.test', now()),
        ('00000000-0000-4000-8000-0000000000a2', 'm@old.test', now());
      INSERT INTO memberships (id, organization_id, user_id, role, joined_via, updated_at) VALUES
        ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', 'owner', 'invitation', now()),
        ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a2', 'member', 'auto_join', now());
      INSERT INTO invitations (id, organization_id, email, role, token_hash, expires_at, updated_at) VALUES
        ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000001', 'a@old.test', 'admin', 'h1', now() + interval '1 day', now());
    `);
    expect(await applyMigrations(runner, all)).toEqual(all.slice(at).map((m) => m.name));
    const roles = await runner.query<{ role: string }>(
      "SELECT role FROM memberships WHERE organization_id = '00000000-0000-4000-8000-000000000001' ORDER BY role",
    );
    expect(roles.rows.map((r) => r.role)).toEqual(['member', 'owner']);
    expect((await runner.query<{ role: string }>('SELECT role FROM invitations')).rows).toEqual([{ role: 'admin' }]);
    expect((await runner.query<{ auto_join_role: string }>('SELECT auto_join_role FROM organizations')).rows).toEqual([
      { auto_join_role: 'admin' },
    ]);
    const { rows: defaults } = await runner.query<{ key: string; operating_team: boolean; n: number }>(`
      SELECT r.key, r.operating_team, count(rp.permission_key)::int AS n
      FROM roles r LEFT JOIN role_permissions rp ON rp.role_key = r.key GROUP BY r.key, r.operating_team ORDER BY r.key`);
    expect(defaults).toEqual([
      { key: 'admin', operating_team: true, n: 9 },
      { key: 'member', operating_team: false, n: 0 },
      { key: 'owner', operating_team: true, n: 14 },
    ]);
    // The database holds the rules: a role must exist, the defaults stay, auto-join is never Owner.
    await expect(runner.exec("UPDATE memberships SET role = 'nonexistent' WHERE role = 'member'")).rejects.toThrow(
      /foreign key|can't be used/,
    );
    await expect(runner.exec("DELETE FROM roles WHERE key = 'member'")).rejects.toThrow(/can't be deleted/);
    await expect(runner.exec("UPDATE organizations SET auto_join_role = 'owner'")).rejects.toThrow(/auto_join_role_check/);
    await runner.exec("INSERT INTO roles (key, name) VALUES ('support', 'Support')");
    await runner.exec("DELETE FROM roles WHERE key = 'support'");
    await close();
  });
});
