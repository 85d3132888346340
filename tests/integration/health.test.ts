import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, db } from '@/lib/db/client';
import { checkDatabase } from '@/lib/db/health';

// A peer that accepts connections and never says a word: a database that hangs.
const silent = net.createServer(() => undefined);
const sockets = new Set<net.Socket>();
silent.on('connection', (socket) => sockets.add(socket));
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('checkDatabase', () => {
  it('answers ok, with the round trip, when the database responds', async () => {
    const health = await checkDatabase(await db());
    expect(health.ok).toBe(true);
    if (health.ok) expect(health.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('says why when nothing listens at the database address', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const client = await createClient({ kind: 'postgres', url: `postgresql://postgres@127.0.0.1:${port}/none` });
    const health = await checkDatabase(client);
    expect(health.ok).toBe(false);
    expect(health).toEqual({ ok: false, reason: `Can't reach database server at 127.0.0.1:${port}` });
    await client.$disconnect();
  });

  it('gives up after the timeout when the database never answers', async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const client = await createClient({ kind: 'postgres', url: `postgresql://postgres@127.0.0.1:${port}/none` });
    const health = await checkDatabase(client, 300);
    expect(health).toEqual({ ok: false, reason: 'no answer within 300 ms' });
    for (const socket of sockets) socket.destroy();
  });
});
