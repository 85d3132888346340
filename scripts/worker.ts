/**
 * `npm run worker`: the scheduled work (email outbox, clean-up) in its own process, beside app
 * instances started with ORGDESK_SCHEDULER=off. PostgreSQL only: PGlite is one process.
 */
import { configOrExit, migrateOrExit } from './boot';

async function main() {
  const config = configOrExit();
  if (config.database.kind !== 'postgres') {
    console.error('npm run worker needs DATABASE_URL=postgres://…: PGlite can be opened by one process only, and the app already runs this work.');
    process.exit(1);
  }
  await migrateOrExit();
  const { startScheduler, stopScheduler } = await import('../lib/scheduler');
  startScheduler();
  console.log('Orgdesk worker running: email outbox every 5 s. Ctrl-C stops it.');
  const keepAlive = setInterval(() => undefined, 60_000);
  const stop = () => {
    stopScheduler();
    clearInterval(keepAlive);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
