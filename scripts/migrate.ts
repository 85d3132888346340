/**
 * Migrations without Prisma's native engine, which these machines cannot download.
 *   tsx scripts/migrate.ts deploy          apply pending migrations to DATABASE_URL
 *   tsx scripts/migrate.ts create <name>   diff the history against schema.prisma into a new migration
 *   tsx scripts/migrate.ts check           fail when the history and schema.prisma disagree (drift)
 */
import fs from 'node:fs';
import path from 'node:path';
import { deployMigrations } from '../lib/db/deploy';
import { diffHistoryAgainstSchema } from '../lib/db/drift';
import { MIGRATIONS_DIR } from '../lib/db/migrate';

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
      console.error(
        `prisma/schema.prisma and prisma/migrations disagree. Run \`npm run db:migrate:create <name>\`. The difference:\n${sql}`,
      );
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
