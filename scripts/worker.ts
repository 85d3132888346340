/**
 * `npm run worker`: the scheduled work (background jobs, domain checks, state catch-up, clean-up) in its own process, beside app
 * instances started with ORGDESK_SCHEDULER=off. PostgreSQL only: PGlite is one process.
 */
import { configOrExit, migrateOrExit } from './boot';

async function main() {
  const config = configOrExit();
  if (config.database.kind !== 'postgres') {
    console.error(
      'npm run worker needs DATABASE_URL=postgres://…: PGlite can be opened by one process only, and the app already runs this work.',
    );
    process.exit(1);
  }
  await migrateOrExit();
  const { startScheduler, stopScheduler } = await import('../lib/scheduler');
  startScheduler();
  console.log('Orgdesk worker running: background jobs every 2 s, domain checks and state catch-up every minute. Ctrl-C stops it.');
  const keepAlive = setInterval(() => undefined, 60_000);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Finish the jobs under way and hand back the rest, then exit.
    void stopScheduler(20_000).finally(() => {
      clearInterval(keepAlive);
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
