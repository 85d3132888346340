/** `npm start`: validate settings, apply pending migrations, serve the built console. Never seeds. */
import { configOrExit, migrateOrExit, runServer } from './boot';

async function main() {
  // Always production: its checks (APP_URL, SMTP_URL, AUTH_SECRET, ADMIN_EMAILS) can't be turned off here.
  (process.env as Record<string, string>).NODE_ENV = 'production';
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  configOrExit();
  await migrateOrExit();
  runServer();
}

void main();
