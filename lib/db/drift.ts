import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations, type MigrationFile, readMigrations } from './migrate';
import { openPglite } from './pglite';
import { pgliteRunner } from './runner';

export const SCHEMA_PATH = path.resolve('prisma/schema.prisma');

type SchemaEngineClass = {
  new: (
    options: unknown,
    log: (m: string) => void,
    adapter: unknown,
  ) => Promise<{
    diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  }>;
};

// The WebAssembly module can be started once per process: keep it.
let engine: Promise<SchemaEngineClass> | undefined;
function loadSchemaEngine() {
  engine ??= startSchemaEngine();
  return engine;
}

async function startSchemaEngine(): Promise<SchemaEngineClass> {
  // The package imports its .wasm as an ES module, which Node 20 cannot load: instantiate by hand.
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const runtime = await import(gluePath);
  const bytes = fs.readFileSync(gluePath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': runtime });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime.SchemaEngine as SchemaEngineClass;
}

/**
 * The SQL that would bring the migration history to the schema; empty when they agree. Replays
 * the history into an in-memory PGlite and diffs it with Prisma's WebAssembly schema engine.
 * Raw-SQL objects Prisma can't describe (partial unique indexes, CHECKs, triggers) are invisible
 * to the diff, so they never count as drift.
 */
export async function diffHistoryAgainstSchema(
  schema = fs.readFileSync(SCHEMA_PATH, 'utf8'),
  migrations: MigrationFile[] = readMigrations(),
): Promise<string> {
  const pglite = await openPglite(null);
  await applyMigrations(pgliteRunner(pglite), migrations);
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
  await pglite.close();
  const sql = (result.stdout ?? '').trim();
  return sql.includes('This is an empty migration') ? '' : sql;
}
