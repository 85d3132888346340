/**
 * Next.js calls register() once per server process: make sure the OpenID provider has its signing
 * key (made and sealed on first start, a no-op after), then start the in-process scheduler.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ ensureSigningKey }, { db }] = await Promise.all([import('./lib/oidc/keys'), import('./lib/db/client')]);
  await ensureSigningKey(await db(), new Date()).catch((error: Error) =>
    console.error(`[oidc] no signing key could be made at start (${error.message}); the first sign-in will make one.`),
  );
  if (process.env.ORGDESK_SCHEDULER === 'off') return;
  const { startScheduler } = await import('./lib/scheduler');
  startScheduler();
}
