import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificateStage, parseCertificate } from '@/lib/sso/certificates';

const PEM = fs.readFileSync('tests/fixtures/sso/idp-certificate.pem', 'utf8');
const DAY = 86_400_000;

describe('identity provider certificates', () => {
  it('read a PEM block, with its SHA-256 fingerprint, subject and validity', () => {
    const parsed = parseCertificate(`\n  ${PEM}  \n`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const der = Buffer.from(PEM.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(parsed.data.fingerprint).toBe(crypto.createHash('sha256').update(der).digest('hex'));
    expect(parsed.data.subject).toContain('CN=idp.orgdesk.test');
    expect(parsed.data.notAfter.getTime() - parsed.data.notBefore.getTime()).toBe(3650 * DAY);
    expect(parsed.data.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);
  });

  it('read the bare base64 that SAML metadata holds, to the same certificate', () => {
    const bare = PEM.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ' ');
    const fromBare = parseCertificate(bare);
    const fromPem = parseCertificate(PEM);
    expect(fromBare.ok && fromPem.ok && fromBare.data.fingerprint === fromPem.data.fingerprint).toBe(true);
  });

  it('refuse a private key, another PEM kind, garbage and a truncated certificate, each with its own words', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const message = (input: string) => {
      const result = parseCertificate(input);
      return result.ok ? null : result.fieldErrors?.certificate?.[0];
    };
    expect(message(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toContain('private key');
    expect(message(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toContain('public key, not a certificate');
    expect(message('hello world!')).toContain('isn’t a certificate');
    expect(message(PEM.slice(0, 400))).toContain('cut short');
    const lines = PEM.trim().split('\n');
    const missingLines = [...lines.slice(0, 3), ...lines.slice(8)].join('\n');
    expect(message(missingLines)).toContain('copied whole');
    expect(message('   ')).toContain('Paste');
  });

  it('warn at 30, 14 and 3 days, and call an expiring instant expired', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    expect(certificateStage(at(31), now)).toBe('valid');
    expect(certificateStage(at(30), now)).toBe('within_30_days');
    expect(certificateStage(at(14), now)).toBe('within_14_days');
    expect(certificateStage(at(3), now)).toBe('within_3_days');
    expect(certificateStage(at(0.001), now)).toBe('within_3_days');
    expect(certificateStage(now, now)).toBe('expired');
  });
});
