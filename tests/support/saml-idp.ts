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

export const IDP_KEY_PEM = fs.readFileSync('tests/fixtures/sso/idp-key.pem', 'utf8');
export const ATTACKER_KEY_PEM = fs.readFileSync('tests/fixtures/sso/attacker-key.pem', 'utf8');
export const ATTACKER_CERTIFICATE_PEM = fs.readFileSync('tests/fixtures/sso/attacker-certificate.pem', 'utf8');

const SHA256 = { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' };
const SHA1 = { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' };

export interface TestResponseOptions {
  issuer: string;
  acsUrl: string;
  audience: string;
  inResponseTo?: string | null;
  nameId?: string;
  attributes?: Record<string, string[]>;
  /** Defaults to now. */
  issueInstant?: Date;
  notBefore?: Date;
  notOnOrAfter?: Date;
  destination?: string | null;
  recipient?: string;
  status?: string;
  sign?: 'assertion' | 'response' | 'both' | 'none';
  key?: { pem: string; certificate: string };
  sha1?: boolean;
  assertionId?: string;
  /** Raw XML edits before signing (the signature then covers them). */
  beforeSigning?: (xml: string) => string;
}

const escapeXml = (value: string) => value.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch]!);
let counter = 0;
export const testId = (prefix: string) =>
  `_${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

function sign(xml: string, id: string, options: TestResponseOptions, signer: typeof import('xml-crypto').SignedXml): string {
  const algorithms = options.sha1 ? SHA1 : SHA256;
  const key = options.key ?? { pem: IDP_KEY_PEM, certificate: IDP_CERTIFICATE_PEM };
  const signed = new signer({
    privateKey: key.pem,
    publicCert: key.certificate,
    signatureAlgorithm: algorithms.signature,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signed.addReference({
    xpath: `//*[@ID='${id}']`,
    digestAlgorithm: algorithms.digest,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  signed.computeSignature(xml, { prefix: 'ds', location: { reference: `//*[@ID='${id}']/*[local-name(.)='Issuer']`, action: 'after' } });
  return signed.getSignedXml();
}

/** The test identity provider's SAML Response XML, signed as asked. */
export async function testSamlResponseXml(options: TestResponseOptions): Promise<string> {
  const { SignedXml } = await import('xml-crypto');
  const now = options.issueInstant ?? new Date();
  const notBefore = options.notBefore ?? new Date(now.getTime() - 60_000);
  const notOnOrAfter = options.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
  const responseId = testId('resp');
  const assertionId = options.assertionId ?? testId('assert');
  const inResponseTo = options.inResponseTo ? ` InResponseTo="${options.inResponseTo}"` : '';
  const destination = options.destination === null ? '' : ` Destination="${escapeXml(options.destination ?? options.acsUrl)}"`;
  const attributes = Object.entries(options.attributes ?? {})
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${escapeXml(name)}">${values.map((v) => `<saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`,
    )
    .join('');
  let xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${responseId}" Version="2.0" IssueInstant="${now.toISOString()}"${destination}${inResponseTo}>` +
    `<saml:Issuer>${escapeXml(options.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${options.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success'}"/></samlp:Status>` +
    `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${now.toISOString()}">` +
    `<saml:Issuer>${escapeXml(options.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${options.nameId ?? 'ada@example.com'}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter.toISOString()}" Recipient="${escapeXml(options.recipient ?? options.acsUrl)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore.toISOString()}" NotOnOrAfter="${notOnOrAfter.toISOString()}"><saml:AudienceRestriction><saml:Audience>${escapeXml(options.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion></samlp:Response>`;
  if (options.beforeSigning) xml = options.beforeSigning(xml);
  const mode = options.sign ?? 'assertion';
  if (mode === 'assertion' || mode === 'both') xml = sign(xml, assertionId, options, SignedXml);
  if (mode === 'response' || mode === 'both') xml = sign(xml, responseId, options, SignedXml);
  return xml;
}

/** The same, base64 as the browser posts it. */
export async function testSamlResponse(options: TestResponseOptions): Promise<string> {
  return Buffer.from(await testSamlResponseXml(options)).toString('base64');
}
