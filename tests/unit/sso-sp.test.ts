import { describe, expect, it } from 'vitest';
import { serviceProviderMetadata, serviceProviderValues } from '@/lib/sso/sp';

describe('what Orgdesk gives an identity provider', () => {
  it('each connection has its own ACS URL, entity ID, metadata and redirect URI under APP_URL', () => {
    const a = serviceProviderValues('https://orgdesk.example.com/', '11111111-1111-4111-8111-111111111111');
    const b = serviceProviderValues('https://orgdesk.example.com', '22222222-2222-4222-8222-222222222222');
    expect(a).toEqual({
      acsUrl: 'https://orgdesk.example.com/api/sso/saml/11111111-1111-4111-8111-111111111111/acs',
      entityId: 'https://orgdesk.example.com/api/sso/saml/11111111-1111-4111-8111-111111111111',
      metadataUrl: 'https://orgdesk.example.com/api/sso/saml/11111111-1111-4111-8111-111111111111/metadata',
      redirectUri: 'https://orgdesk.example.com/api/sso/oidc/11111111-1111-4111-8111-111111111111/callback',
    });
    expect(b.entityId).not.toBe(a.entityId);
  });

  it('the metadata file names the entity ID and the HTTP-POST ACS, escaped', () => {
    const values = serviceProviderValues('https://orgdesk.example.com/a&b', 'c0ffee00-0000-4000-8000-000000000000');
    const xml = serviceProviderMetadata(values);
    expect(xml).toContain('entityID="https://orgdesk.example.com/a&amp;b/api/sso/saml/c0ffee00-0000-4000-8000-000000000000"');
    expect(xml).toContain(
      'Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://orgdesk.example.com/a&amp;b/api/sso/saml/',
    );
    expect(xml).toContain('WantAssertionsSigned="true"');
    expect(xml).not.toContain('a&b');
  });
});
