import { spawn } from 'node:child_process';
import { ConfigError, loadConfig, type AppConfig } from '../lib/config';
import { deployMigrations } from '../lib/db/deploy';

/** Validates the environment, naming the variable at fault, or exits. */
export function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\nOrgdesk can't start: ${error.message}\nSee .env.example and the README for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
}

export async function migrateOrExit() {
  try {
    const applied = await deployMigrations();
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Database schema is up to date.');
  } catch (error) {
    console.error(`\nOrgdesk can't start: migrating the database failed.\n${(error as Error).message}\n`);
    process.exit(1);
  }
}

/** Runs Next.js in the foreground, passing signals through so no server is left orphaned. */
export function runNext(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', ...args], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
