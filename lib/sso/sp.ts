import { escapeMarkup } from '@/lib/format';

/**
 * What Orgdesk, the service provider, gives an identity provider for one connection: each
 * connection has its own addresses, so two connections never share an audience. Pure.
 */
export interface ServiceProviderValues {
  /** SAML: where the identity provider posts its response. */
  acsUrl: string;
  /** SAML: Orgdesk's entity ID for this connection (the audience). */
  entityId: string;
  /** SAML: this connection's metadata, to upload to the identity provider. */
  metadataUrl: string;
  /** OIDC: the redirect URI to register. */
  redirectUri: string;
}

export function serviceProviderValues(appUrl: string, connectionId: string): ServiceProviderValues {
  const base = `${appUrl.replace(/\/+$/, '')}/api/sso`;
  return {
    acsUrl: `${base}/saml/${connectionId}/acs`,
    entityId: `${base}/saml/${connectionId}`,
    metadataUrl: `${base}/saml/${connectionId}/metadata`,
    redirectUri: `${base}/oidc/${connectionId}/callback`,
  };
}

/**
 * The SP metadata file: the entity ID, the ACS (HTTP-POST) and the NameID format, asking for
 * signed assertions. Orgdesk signs no requests, so it publishes no key.
 */
export function serviceProviderMetadata(values: ServiceProviderValues): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escapeMarkup(values.entityId)}">`,
    '  <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    '    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>',
    `    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeMarkup(values.acsUrl)}" index="0" isDefault="true"/>`,
    '  </md:SPSSODescriptor>',
    '</md:EntityDescriptor>',
    '',
  ].join('\n');
}
