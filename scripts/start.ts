/**
 * `npm start`: validate settings, apply pending migrations, serve the built console, all in this
 * one process. `npm run build` compiles this file into dist/start.mjs, so production runs plain
 * JavaScript: no tsx or esbuild stays resident. Never seeds.
 */
import { configOrExit, migrateOrExit } from './boot';
import { serve } from './serve';

async function main() {
  // Always production: its checks (APP_URL, SMTP_URL, AUTH_SECRET, ADMIN_EMAILS) can't be turned off here.
  (process.env as Record<string, string>).NODE_ENV = 'production';
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  configOrExit();
  // The migration step closes the embedded database before the server opens it.
  await migrateOrExit();
  await serve();
}

void main();
