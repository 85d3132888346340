import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client';
import { checkDatabase } from '@/lib/db/health';

/**
 * For load balancers and uptime checks: 200 when the app can reach its database, 503 when it
 * can't. The reason is logged here and never sent, since it can name hosts and users.
 */
export async function GET() {
  const health = await db().then(checkDatabase, (error: Error) => ({ ok: false as const, reason: error.message }));
  if (!health.ok) {
    console.error(`[health] database unavailable: ${health.reason}`);
    return NextResponse.json({ status: 'unavailable', database: 'unreachable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
  return NextResponse.json({ status: 'ok', database: 'ok', latencyMs: health.latencyMs }, { headers: { 'Cache-Control': 'no-store' } });
}
