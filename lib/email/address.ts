/**
 * One RFC 5322 addr-spec, normalized once. Pure, and safe to use in the browser.
 * Deliberately narrower than the RFC: quoted local parts, comments, domain literals and lists are
 * refused, so the address checked is always the address the mail goes to.
 */

export const EMAIL_MAX = 254;
const LOCAL_MAX = 64;
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type EmailParseResult = { ok: true; address: string } | { ok: false; reason: string };

function toAsciiDomain(domain: string): string | null {
  // A plain ASCII name is itself, unless a label claims to be punycode (xn--): then it must
  // decode, or `user@xn--zz.test` would pass for a real internationalized domain.
  if (/^[\x00-\x7f]*$/.test(domain) && !/(^|\.)xn--/i.test(domain)) return domain.toLowerCase();
  try {
    // WHATWG URL applies UTS-46 (IDNA) in Node and in browsers alike.
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}

export function parseEmailAddress(input: string): EmailParseResult {
  const value = input.trim();
  if (!value) return { ok: false, reason: 'Enter an email address.' };
  if (/[\r\n]/.test(value)) return { ok: false, reason: 'An email address can’t contain line breaks.' };
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, reason: 'Remove control characters from the address.' };
  if (/[＠﹫]/.test(value)) return { ok: false, reason: 'Use a plain @ sign, not a full-width one.' };
  if (/[,;]/.test(value)) return { ok: false, reason: 'Enter one address only, not a list.' };
  if (/\s/.test(value)) return { ok: false, reason: 'An email address can’t contain spaces.' };
  if (value.includes('"')) return { ok: false, reason: 'Quoted addresses aren’t accepted.' };
  if (/[()]/.test(value)) return { ok: false, reason: 'Addresses with comments in parentheses aren’t accepted.' };
  if (/[<>]/.test(value)) return { ok: false, reason: 'Enter just the address, without a name or angle brackets.' };
  const at = value.lastIndexOf('@');
  if (at < 0) return { ok: false, reason: 'An email address needs an @ and a domain.' };
  if (value.indexOf('@') !== at) return { ok: false, reason: 'An email address has exactly one @.' };
  const local = value.slice(0, at);
  const rawDomain = value.slice(at + 1);
  if (!local) return { ok: false, reason: 'Add the part before the @.' };
  if (!rawDomain) return { ok: false, reason: 'Add a domain after the @.' };
  if (rawDomain.startsWith('[')) return { ok: false, reason: 'IP-address domains aren’t accepted.' };
  if (local.length > LOCAL_MAX) return { ok: false, reason: 'The part before the @ is too long.' };
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, reason: 'Dots can’t start, end or repeat in the part before the @.' };
  }
  if (!local.split('.').every((atom) => ATEXT.test(atom))) {
    return { ok: false, reason: 'The part before the @ has characters that aren’t allowed.' };
  }
  const domain = toAsciiDomain(rawDomain.replace(/\.$/, ''));
  if (!domain) return { ok: false, reason: 'The domain isn’t valid.' };
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, reason: 'The domain needs a dot, like example.com.' };
  if (!labels.every((label) => LABEL.test(label))) return { ok: false, reason: 'The domain isn’t valid.' };
  if (/^\d+$/.test(labels[labels.length - 1]!)) return { ok: false, reason: 'IP-address domains aren’t accepted.' };
  const address = `${local.toLowerCase()}@${domain}`;
  if (address.length > EMAIL_MAX) return { ok: false, reason: 'The address is too long.' };
  return { ok: true, address };
}

export function normalizeEmail(input: string): string | null {
  const result = parseEmailAddress(input);
  return result.ok ? result.address : null;
}

export function emailDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
