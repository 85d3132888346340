import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import type { ConsumerDomainCheck } from './consumer';

export type DomainInputResult = { ok: true; name: string; displayName: string } | { ok: false; reason: string; suggestion?: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A builder's input to one domain: trimmed, lowercased, internationalized names mapped to their
 * A-label (punycode) form with UTS-46. Refuses what can't be an organization's own domain, consumer
 * mail domains among them (`isConsumerDomain`, from consumerDomainCheck()).
 */
export function normalizeDomainInput(input: string, isConsumerDomain: ConsumerDomainCheck): DomainInputResult {
  const raw = input.trim().toLowerCase().replace(/\.$/, '');
  if (!raw) return { ok: false, reason: 'Enter a domain, like acme.com.' };
  if (/[\s\r\n]/.test(raw) && !raw.includes('://')) return { ok: false, reason: 'A domain has no spaces.' };
  if (raw.includes('@')) {
    const domainPart = raw.slice(raw.lastIndexOf('@') + 1);
    const kept = normalizeDomainInput(domainPart, isConsumerDomain);
    return { ok: false, reason: 'That is an email address, not a domain.', suggestion: kept.ok ? kept.displayName : undefined };
  }
  if (raw.includes('://') || raw.includes('/') || raw.includes('?') || raw.includes('#')) {
    let host = '';
    try {
      host = new URL(raw.includes('://') ? raw : `http://${raw}`).hostname;
    } catch {
      host = '';
    }
    const kept = host ? normalizeDomainInput(host, isConsumerDomain) : null;
    return { ok: false, reason: 'That is a web address, not a domain.', suggestion: kept?.ok ? kept.displayName : undefined };
  }
  const port = /^([^:[\]]+):(\d{1,5})$/.exec(raw);
  if (port) {
    const kept = normalizeDomainInput(port[1]!, isConsumerDomain);
    return {
      ok: false,
      reason: 'A domain has no port: leave out the colon and the number after it.',
      suggestion: kept.ok ? kept.displayName : undefined,
    };
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(raw) || raw.includes(':') || raw.startsWith('[')) {
    return { ok: false, reason: 'IP addresses can’t be verified as an organization’s domain. Enter a domain name.' };
  }
  const name = domainToASCII(raw);
  if (!name) return { ok: false, reason: 'That isn’t a valid domain name.' };
  const labels = name.split('.');
  if (labels.length < 2) return { ok: false, reason: 'Enter a full domain with a dot, like acme.com, not a single name.' };
  if (name.length > 253 || !labels.every((label) => LABEL.test(label))) {
    return { ok: false, reason: 'That isn’t a valid domain name.' };
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return { ok: false, reason: 'That isn’t a valid domain name.' };
  const parsed = parse(name, { allowPrivateDomains: true });
  if (parsed.isIp) return { ok: false, reason: 'IP addresses can’t be verified as an organization’s domain. Enter a domain name.' };
  if (!parsed.domain || parsed.publicSuffix === name) {
    return {
      ok: false,
      reason: `${name} is a public suffix shared by many owners (like co.uk or github.io). Enter your own domain under it.`,
    };
  }
  if (isConsumerDomain(name)) {
    return { ok: false, reason: `${name} is a consumer mail domain: anyone can get an address there. Use the organization’s own domain.` };
  }
  return { ok: true, name, displayName: domainToUnicode(name) || name };
}

export const VERIFICATION_RECORD_PREFIX = '_orgdesk-verification';
export const VERIFICATION_VALUE_PREFIX = 'orgdesk-verification=';

export function verificationRecord(name: string, token: string) {
  return { name: `${VERIFICATION_RECORD_PREFIX}.${name}`, value: `${VERIFICATION_VALUE_PREFIX}${token}` };
}
