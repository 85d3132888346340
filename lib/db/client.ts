import crypto from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { type DatabaseTarget, resolveDatabaseTarget } from './target';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
/** Anything that can run queries: the client or a transaction. */
export type DbOrTx = PrismaClient | Tx;

type Holder = { client?: Promise<PrismaClient>; pglite?: PGlite };
// One client per process, kept on globalThis so `next dev` reloads don't open PGlite's folder twice.
const shared = globalThis as { __orgdeskDb?: Holder };
shared.__orgdeskDb ??= {};
const holder = shared.__orgdeskDb;

/**
 * Statements run as named prepared statements, so each connection parses and plans a query once
 * and PostgreSQL can reuse its plan: planning, not execution, was most of these queries' time. The
 * name is a hash of the SQL text, so one name always means one text. Statements with many
 * parameters (long IN lists, batched inserts) vary in shape and stay unnamed.
 */
export function preparedStatementName(query: { sql: string; args: unknown[] }): string {
  if (query.args.length > 32) return '';
  return `s${crypto.createHash('sha1').update(query.sql).digest('base64url').slice(0, 20)}`;
}

/** `logQueries` emits a 'query' event per SQL statement, for the bench's statement counts. */
export function createClient(target: DatabaseTarget, pglite?: PGlite, options: { logQueries?: boolean } = {}): Promise<PrismaClient> {
  const log = options.logQueries ? [{ emit: 'event' as const, level: 'query' as const }] : undefined;
  return (async () => {
    if (target.kind === 'postgres') {
      // JIT makes the list queries slower once their cost estimate crosses its threshold, and the
      // default random_page_cost (4, for spinning disks) steers searches into sequential scans
      // that run ILIKE on every row instead of using the trigram indexes.
      const adapter = new PrismaPg(
        {
          connectionString: target.url,
          options: '-c jit=off -c random_page_cost=1.1',
          max: 10,
          // A database that stops answering must fail requests and scheduled passes, not hang them:
          // bounded connects, statements and client-side waits, and keepalive probes that find a
          // half-open connection.
          connectionTimeoutMillis: 10_000,
          statement_timeout: 30_000,
          idle_in_transaction_session_timeout: 60_000,
          query_timeout: 45_000,
          keepAlive: true,
          keepAliveInitialDelayMillis: 10_000,
        },
        { statementNameGenerator: preparedStatementName },
      );
      return new PrismaClient({ adapter, log });
    }
    // The embedded engine loads only when it is the database: PostgreSQL installations never hold it.
    const [{ openPglite }, { PrismaPGlite }] = await Promise.all([import('./pglite'), import('pglite-prisma-adapter')]);
    const instance = pglite ?? (await openPglite(target.dataDir));
    holder.pglite = instance;
    return new PrismaClient({ adapter: new PrismaPGlite(instance), log });
  })();
}

/** The app's database client, chosen at run time from DATABASE_URL. */
export function db(): Promise<PrismaClient> {
  holder.client ??= createClient(resolveDatabaseTarget(process.env.DATABASE_URL));
  return holder.client;
}

/** Tests and scripts swap in their own client (a restored PGlite snapshot, say). */
export function setDb(client: Promise<PrismaClient> | undefined) {
  holder.client = client;
}

/** Releases the PGlite folder (scripts must close it before the server opens it). */
export async function closePglite() {
  const instance = holder.pglite;
  holder.pglite = undefined;
  holder.client = undefined;
  if (instance && !instance.closed) await instance.close();
}
