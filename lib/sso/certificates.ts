import crypto from 'node:crypto';
import { type Failure, fail, ok, type Result } from '@/lib/result';

/** An identity provider's signing certificate, as a connection stores it. */
export interface ParsedCertificate {
  /** Normalized PEM: one CERTIFICATE block, 64-column base64. */
  pem: string;
  /** SHA-256 of the DER, lowercase hex: what the console shows and rotation compares. */
  fingerprint: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

function badCertificate(message: string): Failure {
  return fail('invalid_input', message, { fieldErrors: { certificate: [message] } });
}

/**
 * Reads a certificate pasted by a builder or found in SAML metadata: a PEM block, or the bare
 * base64 of its DER (as metadata's <X509Certificate> holds it). Says in plain words what is wrong
 * with anything else, a private key above all (it must never be pasted here). Pure.
 */
export function parseCertificate(input: string): Result<ParsedCertificate> {
  const text = input.trim();
  if (!text) return badCertificate('Paste the identity provider’s signing certificate.');
  const block = text.match(PEM_BLOCK);
  if (!block && text.includes('-----BEGIN ')) {
    return badCertificate('The certificate is cut short: its -----END CERTIFICATE----- line is missing. Copy it whole, from BEGIN to END.');
  }
  if (block && block[1] !== 'CERTIFICATE') {
    return badCertificate(
      /PRIVATE KEY/.test(block[1]!)
        ? 'That is a private key. Paste the identity provider’s certificate instead, and treat this key as exposed.'
        : `That is a ${block[1]!.toLowerCase()}, not a certificate. Paste the block that starts with -----BEGIN CERTIFICATE-----.`,
    );
  }
  const base64 = (block ? block[2]! : text).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    return badCertificate('That isn’t a certificate. Paste the PEM block (-----BEGIN CERTIFICATE----- …) or the base64 from the metadata.');
  }
  let certificate: crypto.X509Certificate;
  try {
    certificate = new crypto.X509Certificate(Buffer.from(base64, 'base64'));
  } catch {
    return badCertificate('That text doesn’t decode to a certificate. Check that it was copied whole, from BEGIN to END.');
  }
  const der = certificate.raw;
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return ok({
    pem: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    fingerprint: crypto.createHash('sha256').update(der).digest('hex'),
    subject: certificate.subject.replace(/\n/g, ', '),
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  });
}

/** The days before expiry at which the console warns: 30, 14 and 3. */
export const CERTIFICATE_WARNING_DAYS = [30, 14, 3] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export type CertificateStage = 'valid' | 'within_30_days' | 'within_14_days' | 'within_3_days' | 'expired';

/** How close a certificate is to its expiry, by the warning thresholds. Pure. */
export function certificateStage(notAfter: Date, now: Date): CertificateStage {
  const left = notAfter.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  if (left <= 3 * DAY_MS) return 'within_3_days';
  if (left <= 14 * DAY_MS) return 'within_14_days';
  if (left <= 30 * DAY_MS) return 'within_30_days';
  return 'valid';
}
