/**
 * Whether a request target's path or query has a malformed percent-encoding (`%E0%A4%A`, `%zz`),
 * which can't be decoded. Such a request is the client's error: it gets 400, never a 500. Pure.
 */
export function hasMalformedEncoding(target: string): boolean {
  const [path = '', query = ''] = target.split('?', 2);
  try {
    decodeURIComponent(path);
    for (const part of query.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
    return false;
  } catch {
    return true;
  }
}
