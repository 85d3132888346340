/** `npm start`: validate settings, apply pending migrations, serve the built console. Never seeds. */
import { configOrExit, migrateOrExit, runServer } from './boot';

async function main() {
  if (process.env.ORGDESK_DEV !== '1') (process.env as Record<string, string>).NODE_ENV = 'production';
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  configOrExit();
  await migrateOrExit();
  runServer();
}

void main();
