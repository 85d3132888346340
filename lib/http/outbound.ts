import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { fail, ok, type Result } from '@/lib/result';

/**
 * Fetching an address that a builder typed (an identity provider's metadata or discovery
 * document) without letting it reach Orgdesk's own network: HTTPS only, and only to public
 * addresses. The check is made on the address the connection actually uses (inside the socket's
 * DNS lookup), so a name that resolves to a public address once and a private one later can't
 * slip through. Allow-listed origins skip both checks.
 */

/** Whether an IP address is on a loopback, private, link-local or otherwise non-public network. Pure. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  if (net.isIPv4(address)) {
    const [a, b] = address.split('.').map(Number) as [number, number, number, number];
    return (
      a === 0 || // "this" network
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
      (a === 169 && b === 254) || // link-local, cloud metadata
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) || // IETF assignments
      (a === 198 && (b === 18 || b === 19)) || // benchmarking
      a >= 224 // multicast, reserved, broadcast
    );
  }
  if (net.isIPv6(address)) {
    const lower = address.toLowerCase();
    return (
      lower === '::' ||
      lower === '::1' ||
      /^f[cd]/.test(lower) || // unique local
      /^fe[89ab]/.test(lower) || // link-local
      /^ff/.test(lower) || // multicast
      /^64:ff9b:/.test(lower) || // NAT64 can reach IPv4 private space
      /^2002:/.test(lower) // 6to4 embeds an IPv4 address
    );
  }
  return true;
}

export interface OutboundOptions {
  allowOrigins: readonly string[];
  /** Milliseconds for the whole exchange. */
  timeoutMs?: number;
  maxBytes?: number;
  accept?: string;
  /** Keep the first `maxBytes` of a longer answer instead of refusing it (a webhook receiver's reply). */
  truncate?: boolean;
}

export type OutboundFailure = 'not_https' | 'private_address' | 'unreachable' | 'timeout' | 'http_status' | 'too_large';

/** Plain-words reasons, with what to do next. */
function explain(kind: OutboundFailure, url: URL, detail = ''): string {
  switch (kind) {
    case 'not_https':
      return `Orgdesk fetches only https:// addresses. Use the https address of ${url.host}.`;
    case 'private_address':
      return `${url.hostname} resolves to a private or loopback address, which Orgdesk doesn’t fetch. Use the identity provider’s public address, or ask the operator to allow ${url.origin} in OUTBOUND_ALLOW_ORIGINS.`;
    case 'unreachable':
      return `Orgdesk couldn’t reach ${url.host}${detail ? ` (${detail})` : ''}. Check the address, or paste the document instead.`;
    case 'timeout':
      return `${url.host} didn’t answer in time. Try again, or paste the document instead.`;
    case 'http_status':
      return `${url.host} answered ${detail} for ${url.pathname}. Check the address.`;
    case 'too_large':
      return `The document at ${url.host} is larger than Orgdesk accepts (${detail}). Check the address.`;
  }
}

class Refused extends Error {
  constructor(readonly kind: OutboundFailure) {
    super(kind);
  }
}

/** A DNS lookup that refuses names resolving to a non-public address. */
function publicOnlyLookup(hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error);
    const list = addresses as dns.LookupAddress[];
    if (!list.length || list.some((entry) => isPrivateAddress(entry.address))) return callback(new Refused('private_address'));
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

function plainHeaders(response: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = String(value);
  return headers;
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * One request through the guard: any method, no redirects followed, a time limit on the whole
 * exchange and a cap on the body. The raw answer whatever its status, or a failure in words.
 */
export async function outboundRequest(
  address: string,
  options: OutboundOptions & { method?: string; headers?: Record<string, string>; body?: Buffer },
): Promise<Result<RawResponse>> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return fail('invalid_input', 'That isn’t a full address: it should start with https://.');
  }
  const allowed = options.allowOrigins.includes(url.origin);
  const failure = (kind: OutboundFailure, detail?: string) => fail('fetch_failed', explain(kind, url, detail), { hint: { reason: kind } });
  if (url.protocol !== 'https:' && !(allowed && url.protocol === 'http:')) return failure('not_https');
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(literal) && isPrivateAddress(literal) && !allowed) {
    return failure('private_address');
  }
  const maxBytes = options.maxBytes ?? 512 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve) => {
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { accept: options.accept ?? '*/*', 'user-agent': 'Orgdesk', ...options.headers },
        ...(allowed ? {} : { lookup: publicOnlyLookup as unknown as typeof dns.lookup }),
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes && options.truncate) {
            chunks.push(chunk.subarray(0, Math.max(0, chunk.length - (size - maxBytes))));
            resolve(ok({ status: response.statusCode ?? 0, headers: plainHeaders(response), body: Buffer.concat(chunks) }));
            request.destroy();
            return;
          }
          if (size > maxBytes) {
            request.destroy();
            resolve(failure('too_large', `over ${Math.round(maxBytes / 1024)} KB`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          if (size > maxBytes) return;
          resolve(ok({ status: response.statusCode ?? 0, headers: plainHeaders(response), body: Buffer.concat(chunks) }));
        });
        response.on('error', () => resolve(failure('unreachable')));
      },
    );
    const deadline = setTimeout(() => {
      request.destroy();
      resolve(failure('timeout'));
    }, timeoutMs);
    request.on('close', () => clearTimeout(deadline));
    request.on('timeout', () => {
      request.destroy();
      resolve(failure('timeout'));
    });
    request.on('error', (error) => {
      if (error instanceof Refused) resolve(failure(error.kind));
      else resolve(failure('unreachable', (error as NodeJS.ErrnoException).code ?? error.message));
    });
    request.end(options.body);
  });
}

/**
 * GETs a document from an address a builder gave. Follows no redirects (a redirect is reported
 * with its target, for the builder to use instead). The text, or a failure whose message says
 * what to do next.
 */
export async function fetchOutbound(address: string, options: OutboundOptions): Promise<Result<{ body: string; contentType: string }>> {
  const answer = await outboundRequest(address, options);
  if (!answer.ok) return answer;
  const url = new URL(address);
  const { status, headers, body } = answer.data;
  if (status >= 300 && status < 400) {
    return fail(
      'fetch_failed',
      explain('http_status', url, `${status}, a redirect to ${headers.location ?? 'another address'}; use that address`),
      {
        hint: { reason: 'http_status' },
      },
    );
  }
  if (status !== 200) return fail('fetch_failed', explain('http_status', url, String(status)), { hint: { reason: 'http_status' } });
  return ok({ body: body.toString('utf8'), contentType: headers['content-type'] ?? '' });
}

/**
 * A `fetch` for libraries (openid-client's token, userinfo and key requests) that goes through
 * the same guard. A refused or failed request throws a TypeError in words, as fetch does.
 */
export function guardedFetch(options: OutboundOptions) {
  return async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const address = input instanceof Request ? input.url : String(input);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body =
      init.body === undefined || init.body === null
        ? undefined
        : Buffer.from(
            typeof init.body === 'string' ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : String(init.body),
          );
    const answer = await outboundRequest(address, { ...options, method: init.method ?? 'GET', headers, body });
    if (!answer.ok) throw new TypeError(answer.message);
    const { status, headers: responseHeaders, body: content } = answer.data;
    return new Response(status === 204 || status === 304 ? null : new Uint8Array(content), { status, headers: responseHeaders });
  };
}

/**
 * Whether an address a builder gave may be reached: https (or an allow-listed origin), and a host
 * that resolves only to public addresses now. The send itself checks again, on the address it
 * connects to. Null when it may, else the reason in words.
 */
export async function refusedDestination(address: string, allowOrigins: readonly string[]): Promise<string | null> {
  const url = new URL(address);
  if (allowOrigins.includes(url.origin)) return null;
  if (url.protocol !== 'https:') return `Use an https:// address: ${url.host} would receive events in the clear.`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await dns.promises.lookup(host, { all: true })).map((entry) => entry.address);
  } catch (error) {
    return `${url.hostname} doesn’t resolve (${(error as NodeJS.ErrnoException).code ?? 'no answer'}). Check the address.`;
  }
  if (!addresses.length || addresses.some(isPrivateAddress)) {
    return `${url.hostname} resolves to a private, loopback or link-local address, which Orgdesk doesn’t send to. Use a public address, or ask the operator to allow ${url.origin} in OUTBOUND_ALLOW_ORIGINS.`;
  }
  return null;
}
