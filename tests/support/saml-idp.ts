import fs from 'node:fs';

/** The test identity provider's signing certificate (self-signed, ten years). */
export const IDP_CERTIFICATE_PEM = fs.readFileSync('tests/fixtures/sso/idp-certificate.pem', 'utf8');

const base64Of = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s+/g, '');

/** An identity provider's SAML metadata, as Okta or Entra publish it: redirect and POST bindings, signing keys. */
export function idpMetadataXml(entityId: string, ssoUrl: string, pems: readonly string[] = [IDP_CERTIFICATE_PEM]) {
  const keys = pems
    .map(
      (pem) =>
        `    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${base64Of(pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    )
    .join('\n');
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
${keys}
    <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>not-a-signing-key</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ssoUrl}/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}
