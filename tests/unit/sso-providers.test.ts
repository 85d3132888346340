import { describe, expect, it } from 'vitest';
import { defaultAttributeMapping, protocolsOf, SSO_PROVIDERS, type SsoProviderKey } from '@/lib/sso/providers';

const KEYS = Object.keys(SSO_PROVIDERS) as SsoProviderKey[];

describe('identity providers', () => {
  it('offer the protocols the database allows them (a generic provider names its protocol)', () => {
    expect(protocolsOf('generic_saml')).toEqual(['saml']);
    expect(protocolsOf('generic_oidc')).toEqual(['oidc']);
    expect(protocolsOf('okta')).toEqual(['saml', 'oidc']);
    expect(protocolsOf('entra')).toEqual(['saml', 'oidc']);
    for (const key of KEYS) expect(protocolsOf(key).length).toBeGreaterThan(0);
  });

  it('each give setup steps and every attribute for each protocol they offer, and nothing for the others', () => {
    for (const key of KEYS) {
      for (const protocol of ['saml', 'oidc'] as const) {
        const mapping = defaultAttributeMapping(key, protocol);
        if (!protocolsOf(key).includes(protocol)) {
          expect(mapping).toBeNull();
          continue;
        }
        expect(Object.values(mapping!).every((name) => name.trim().length > 0)).toBe(true);
        const setup = SSO_PROVIDERS[key][protocol]!;
        expect(setup.steps.length).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('start OIDC connections on the standard claims, and Entra SAML on its claim URIs', () => {
    expect(defaultAttributeMapping('generic_oidc', 'oidc')).toEqual({
      email: 'email',
      firstName: 'given_name',
      lastName: 'family_name',
      groups: 'groups',
    });
    expect(defaultAttributeMapping('entra', 'saml')?.email).toBe('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress');
  });
});
