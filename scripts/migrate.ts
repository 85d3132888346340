/**
 * Migrations without Prisma's native engine, which these machines cannot download.
 *   tsx scripts/migrate.ts deploy          apply pending migrations to DATABASE_URL
 *   tsx scripts/migrate.ts create <name>   diff the history against schema.prisma into a new migration
 *   tsx scripts/migrate.ts check           fail when the history and schema.prisma disagree (drift)
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations, MIGRATIONS_DIR } from '../lib/db/migrate';
import { deployMigrations } from '../lib/db/deploy';
import { openPglite } from '../lib/db/pglite';
import { pgliteRunner } from '../lib/db/runner';

const SCHEMA_PATH = path.resolve('prisma/schema.prisma');

async function loadSchemaEngine() {
  // The package imports its .wasm as an ES module, which Node 20 cannot load: instantiate by hand.
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const runtime = await import(gluePath);
  const bytes = fs.readFileSync(gluePath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': runtime });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime.SchemaEngine as {
    new: (options: unknown, log: (m: string) => void, adapter: unknown) => Promise<{
      diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
    }>;
  };
}

/** The SQL that would bring the migration history to schema.prisma; empty when they agree. */
async function diffHistoryAgainstSchema(): Promise<string> {
  const pglite = await openPglite(null);
  await applyMigrations(pgliteRunner(pglite));
  const schema = fs.readFileSync(SCHEMA_PATH, 'utf8');
  const SchemaEngine = await loadSchemaEngine();
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite)),
  );
  const files = [{ path: SCHEMA_PATH, content: schema }];
  const result = await engine.diff({
    from: { tag: 'schemaDatasource', files, configDir: process.cwd() },
    to: { tag: 'schemaDatamodel', files },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = (result.stdout ?? '').trim();
  return sql.includes('This is an empty migration') ? '' : sql;
}

async function create(name: string) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('Name the migration with lowercase letters, digits and _.');
  const sql = await diffHistoryAgainstSchema();
  if (!sql) {
    console.log('No changes: the schema matches the migration history.');
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  if (command === 'deploy') {
    const applied = await deployMigrations();
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
  } else if (command === 'check') {
    // CI's drift check: the schema and the migrations must describe the same database.
    const sql = await diffHistoryAgainstSchema();
    if (sql) {
      console.error(`prisma/schema.prisma and prisma/migrations disagree. Run \`npm run db:migrate:create <name>\`. The difference:\n${sql}`);
      process.exitCode = 1;
    } else console.log('No drift: prisma/schema.prisma matches the migration history.');
  } else if (command === 'create' && arg) {
    await create(arg);
  } else {
    console.error('usage: migrate.ts deploy | check | create <name>');
    process.exitCode = 2;
  }
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  // The WASM engine keeps the process alive for seconds after it is done.
  .finally(() => process.exit());
