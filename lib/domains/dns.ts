import { promises as dns } from 'node:dns';
import type { TxtAnswer } from './verification';

/** DNS_SERVERS, e.g. "127.0.0.1:5353, 10.0.0.2": the resolvers to ask. Empty: the system's. */
export function dnsServersFromEnv(value = process.env.DNS_SERVERS): string[] {
  return (value ?? '')
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}

/** Looks up TXT records, joining each record's strings (long values arrive split into several). */
export async function lookupTxt(name: string, servers = dnsServersFromEnv()): Promise<TxtAnswer> {
  const resolver = new dns.Resolver({ timeout: 2_000, tries: 2 });
  if (servers.length) resolver.setServers(servers);
  try {
    const records = await resolver.resolveTxt(name);
    return { kind: 'records', values: records.map((chunks) => chunks.join('')) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND') return { kind: 'nxdomain' };
    if (code === 'ENODATA') return { kind: 'nodata' };
    const reasons: Record<string, string> = {
      ESERVFAIL: 'the DNS server failed to answer',
      ETIMEOUT: 'the DNS server did not answer in time',
      ECONNREFUSED: 'the DNS server refused the connection',
      EREFUSED: 'the DNS server refused the query',
    };
    return { kind: 'temporary', reason: reasons[code ?? ''] ?? `DNS error ${code ?? 'unknown'}` };
  }
}
