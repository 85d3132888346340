import { describe, expect, it } from 'vitest';
import { parseIdpMetadata } from '@/lib/sso/metadata';
import { serviceProviderMetadata, serviceProviderValues } from '@/lib/sso/sp';
import { IDP_CERTIFICATE_PEM, idpMetadataXml } from '../support/saml-idp';

const NOW = new Date('2027-01-01T00:00:00Z');
const error = (xml: string, now = NOW) => {
  const result = parseIdpMetadata(xml, now);
  if (result.ok) throw new Error('expected a refusal');
  return result.fieldErrors?.metadata?.[0];
};

describe('reading an identity provider’s metadata', () => {
  it('takes the entity ID, the redirect-binding SSO URL and the signing certificate, ignoring encryption keys', () => {
    const result = parseIdpMetadata(idpMetadataXml('http://www.okta.com/exk1', 'https://acme.okta.com/sso/saml'), NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.entityId).toBe('http://www.okta.com/exk1');
    expect(result.data.ssoUrl).toBe('https://acme.okta.com/sso/saml');
    expect(result.data.binding).toBe('redirect');
    expect(result.data.certificates).toHaveLength(1);
    expect(result.data.certificates[0]!.pem).toContain('BEGIN CERTIFICATE');
  });

  it('falls back to the POST binding, and counts a certificate listed twice once', () => {
    const xml = idpMetadataXml('urn:idp', 'https://idp.example/sso', [IDP_CERTIFICATE_PEM, IDP_CERTIFICATE_PEM]).replace(
      /\s*<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"[^>]*\/>/,
      '',
    );
    const result = parseIdpMetadata(xml, NOW);
    expect(result.ok && result.data).toMatchObject({ ssoUrl: 'https://idp.example/sso/post', binding: 'post' });
    expect(result.ok && result.data.certificates).toHaveLength(1);
  });

  it('refuses what isn’t an identity provider’s metadata, in plain words', () => {
    const sp = serviceProviderMetadata(serviceProviderValues('https://orgdesk.example', '3f1c1a52-4a8e-4d55-9c4b-0d8c2d0f6e11'));
    expect(error(sp)).toMatch(/service provider’s metadata/);
    expect(error('')).toMatch(/Paste the identity provider’s metadata/);
    expect(error('https://acme.okta.com/app/metadata')).toMatch(/isn’t XML/);
    expect(error('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"')).toMatch(/can’t be read/);
    expect(error('<root/>')).toMatch(/no IDPSSODescriptor/);
    expect(error(idpMetadataXml('urn:idp', 'https://idp.example/sso', []))).toMatch(/no signing certificate/);
    expect(error(idpMetadataXml('', 'https://idp.example/sso'))).toMatch(/no entityID/);
    expect(error(idpMetadataXml('urn:idp', 'javascript:alert(1)').replace('javascript:alert(1)/post', 'ftp://x'))).toMatch(
      /isn’t an http\(s\) address/,
    );
  });

  it('refuses a DOCTYPE (no entity expansion), an oversized file, and metadata whose certificates all expired', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>${idpMetadataXml('urn:idp', 'https://idp.example/sso')}`;
    expect(error(bomb)).toMatch(/DOCTYPE is refused/);
    expect(error(`<x>${' '.repeat(600 * 1024)}</x>`)).toMatch(/over 512 KB/);
    expect(error(idpMetadataXml('urn:idp', 'https://idp.example/sso'), new Date('2040-01-01T00:00:00Z'))).toMatch(/has expired/);
  });

  it('refuses a file that describes several identity providers', () => {
    const one = idpMetadataXml('urn:a', 'https://a.example/sso').replace('<?xml version="1.0"?>', '');
    const two = one.replace('urn:a', 'urn:b');
    expect(error(`<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${one}${two}</md:EntitiesDescriptor>`)).toMatch(
      /several identity providers/,
    );
  });
});
