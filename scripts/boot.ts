import { spawn } from 'node:child_process';
import { type AppConfig, ConfigError, loadConfig } from '../lib/config';

/** Validates the environment, naming the variable at fault, or exits. */
export function configOrExit(): AppConfig {
  try {
    const config = loadConfig();
    // Auth.js builds its redirects from AUTH_URL, read before any request: without it, the first
    // requests used the request's own host, which Next.js reports as localhost for 127.0.0.1, and
    // the builder landed where the session cookie doesn't apply.
    process.env.AUTH_URL ??= `${config.appUrl}/api/auth`;
    return config;
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
    const { deployMigrations } = await import('../lib/db/deploy');
    const applied = await deployMigrations();
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Database schema is up to date.');
  } catch (error) {
    console.error(`\nOrgdesk can't start: migrating the database failed.\n${(error as Error).message}\n`);
    process.exit(1);
  }
}

/** Runs Next.js's own CLI (`next dev`) in the foreground. */
export function runNext(args: string[], env: NodeJS.ProcessEnv = process.env) {
  runChild(['node_modules/next/dist/bin/next', ...args], env);
}

/** A foreground child, with signals passed through so no server is left orphaned. */
function runChild(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
