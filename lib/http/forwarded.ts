/**
 * Which address made a request, given how many reverse proxies stand in front of Orgdesk.
 *
 * Each proxy appends the address it received the request from to `X-Forwarded-For`, so the
 * chain, read from the right, is trustworthy only for as many hops as there are proxies we run.
 * Anything further left was written by the client and may be forged. With no proxies, the
 * socket's own address is the only truth and the header is ignored entirely.
 */
export function resolveClientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedProxyHops: number,
): string {
  const socket = normalizeAddress(socketAddress ?? '') || 'unknown';
  if (trustedProxyHops <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = [...header.split(',').map(normalizeAddress).filter(Boolean), socket];
  // chain[length - 1] is the socket (the nearest proxy); each trusted hop vouches for one more to its left.
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)]!;
}

/** Trims, strips ports and brackets, and unwraps IPv4-mapped IPv6 (`::ffff:10.0.0.1`). */
function normalizeAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.replace(/:\d+$/, '');
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(address)) address = address.slice(7);
  return address.toLowerCase();
}
