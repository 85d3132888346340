import type { DbOrTx } from './client';

export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false; reason: string };

/** Whether the database answers a trivial query within `timeoutMs`. Never throws. */
export async function checkDatabase(client: DbOrTx, timeoutMs = 2_000): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.$queryRaw`SELECT 1`, timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, reason: plainReason((error as Error).message) };
  } finally {
    clearTimeout(timer);
  }
}

/** Prisma wraps driver errors in several lines of context; keep the driver's own sentence. */
function plainReason(message: string): string {
  const wrapped = /Message: `([^`]+)`/.exec(message);
  return (wrapped ? wrapped[1]! : message).trim();
}
