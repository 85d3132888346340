import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';
import { checkDatabase } from '@/lib/db/health';
import { schedulerHealth } from '@/lib/scheduler/heartbeat';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * For load balancers and uptime checks: 200 when the app reaches its database and some instance's
 * background jobs have made progress lately; 503 otherwise. Reasons are logged here and never
 * sent, since they can name hosts and users.
 */
export async function GET() {
  const client = await db().catch((error: Error) => error);
  const database = client instanceof Error ? { ok: false as const, reason: client.message } : await checkDatabase(client);
  if (!database.ok || client instanceof Error) {
    console.error(`[health] database unavailable: ${database.ok ? 'no client' : database.reason}`);
    return NextResponse.json({ status: 'unavailable', database: 'unreachable' }, { status: 503, headers: NO_STORE });
  }
  const scheduler = await schedulerHealth(client, new Date());
  const body = {
    status: scheduler.ok ? 'ok' : 'degraded',
    database: 'ok',
    latencyMs: database.latencyMs,
    scheduler: { status: scheduler.ok ? 'ok' : 'stalled', lastSuccessAt: scheduler.lastSuccessAt?.toISOString() ?? null },
  };
  if (!scheduler.ok) {
    console.error(`[health] background jobs stalled: ${scheduler.reason}`);
    return NextResponse.json(body, { status: 503, headers: NO_STORE });
  }
  return NextResponse.json(body, { headers: NO_STORE });
}
