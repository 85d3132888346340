/** Next.js calls register() once per server process: start the in-process scheduler there. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.ORGDESK_SCHEDULER === 'off') return;
  const { startScheduler } = await import('./lib/scheduler');
  startScheduler();
}
