import { describe, expect, it } from 'vitest';
import { parseCertificate } from '@/lib/sso/certificates';
import { type SamlConnectionSettings, verifySamlResponse } from '@/lib/sso/saml';
import {
  ATTACKER_CERTIFICATE_PEM,
  ATTACKER_KEY_PEM,
  IDP_CERTIFICATE_PEM,
  type TestResponseOptions,
  testSamlResponse,
  testSamlResponseXml,
} from '../support/saml-idp';
import { XSW } from '../support/saml-xsw';

const certificate = (pem: string) => {
  const parsed = parseCertificate(pem);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.data;
};
const IDP = certificate(IDP_CERTIFICATE_PEM);
const ATTACKER = certificate(ATTACKER_CERTIFICATE_PEM);
const sp = { acsUrl: 'https://orgdesk.test/api/sso/saml/c1/acs', entityId: 'https://orgdesk.test/api/sso/saml/c1' };
const connection: SamlConnectionSettings = {
  provider: 'okta',
  idpEntityId: 'http://www.okta.com/exk-test',
  certificates: [IDP],
  signedPart: 'assertion',
  allowSha1: false,
  clockSkewSeconds: 180,
  idpInitiated: false,
  attributeMapping: { email: 'email', firstName: 'firstName', lastName: 'lastName', groups: 'groups' },
};
const base = (extra: Partial<TestResponseOptions> = {}): TestResponseOptions => ({
  issuer: connection.idpEntityId,
  acsUrl: sp.acsUrl,
  audience: sp.entityId,
  inResponseTo: '_request1',
  nameId: 'ada@acme.example',
  attributes: { email: ['Ada@Acme.example'], firstName: ['Ada'], lastName: ['Lovelace'], groups: ['engineering', 'admins'] },
  ...extra,
});
const verify = async (options: Partial<TestResponseOptions> = {}, settings: Partial<SamlConnectionSettings> = {}, now = new Date()) =>
  verifySamlResponse(await testSamlResponse(base(options)), { ...connection, ...settings }, sp, now);
const codeOf = (result: Awaited<ReturnType<typeof verify>>) => (result.ok ? 'ok' : result.code);
const b64 = (xml: string) => Buffer.from(xml).toString('base64');

describe('a SAML response that passes every check', () => {
  it('gives the subject, the mapped attributes, the certificate that verified it and the clock difference', async () => {
    const now = new Date();
    const result = await verify({ issueInstant: new Date(now.getTime() + 42_000) }, {}, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result).toMatchObject({
      subject: 'ada@acme.example',
      email: 'ada@acme.example',
      firstName: 'Ada',
      lastName: 'Lovelace',
      groups: ['engineering', 'admins'],
      inResponseTo: '_request1',
      certificateFingerprint: IDP.fingerprint,
      clockDifferenceMs: 42_000,
    });
    expect(result.replayGuardUntil.getTime()).toBeGreaterThan(now.getTime());
  });

  it('a whole-response signature, when the connection asks for one; and rotation: the second trusted certificate verifies', async () => {
    expect(codeOf(await verify({ sign: 'response' }, { signedPart: 'response' }))).toBe('ok');
    const rotated = await verify({}, { certificates: [ATTACKER, IDP] });
    expect(rotated.ok && rotated.certificateFingerprint).toBe(IDP.fingerprint);
  });
});

describe('each check refuses with its own code, and says what was expected and received', () => {
  it('Issuer, Audience, Destination and Recipient', async () => {
    const issuer = await verify({ issuer: 'http://www.okta.com/someone-else' });
    expect(issuer).toMatchObject({ code: 'saml_issuer', expected: connection.idpEntityId, received: 'http://www.okta.com/someone-else' });
    const audience = await verify({ audience: 'https://orgdesk.test/api/sso/saml/other' });
    expect(audience).toMatchObject({ code: 'saml_audience', expected: sp.entityId, received: 'https://orgdesk.test/api/sso/saml/other' });
    if (!audience.ok) {
      expect(audience.message).toBe(`Audience was https://orgdesk.test/api/sso/saml/other, expected ${sp.entityId}.`);
      expect(audience.fix).toBe(`Set the Audience URI (SP Entity ID) in Okta to ${sp.entityId}.`);
    }
    expect(await verify({ destination: 'https://elsewhere.test/acs' })).toMatchObject({ code: 'saml_destination', expected: sp.acsUrl });
    expect(codeOf(await verify({ destination: null }))).toBe('ok');
    expect(await verify({ recipient: 'https://elsewhere.test/acs' })).toMatchObject({
      code: 'saml_recipient',
      received: 'https://elsewhere.test/acs',
    });
  });

  it('expired and not yet valid, outside the clock skew; inside it they pass', async () => {
    const now = new Date();
    const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
    const expired = await verify({ issueInstant: minutes(-20), notBefore: minutes(-21), notOnOrAfter: minutes(-4) }, {}, now);
    expect(codeOf(expired)).toBe('saml_expired');
    if (!expired.ok) expect(expired.message).toMatch(/clock is 1200 s behind Orgdesk’s; 180 s are tolerated/);
    expect(codeOf(await verify({ issueInstant: minutes(-10), notBefore: minutes(-11), notOnOrAfter: minutes(-2) }, {}, now))).toBe('ok');
    expect(codeOf(await verify({ issueInstant: minutes(5), notBefore: minutes(4) }, {}, now))).toBe('saml_not_yet_valid');
    expect(codeOf(await verify({ issueInstant: minutes(2), notBefore: minutes(2) }, {}, now))).toBe('ok');
    // A wider tolerance, up to 10 minutes, lets a skewed clock through.
    expect(codeOf(await verify({ issueInstant: minutes(5), notBefore: minutes(4) }, { clockSkewSeconds: 600 }, now))).toBe('ok');
  });

  it('an unsigned assertion, a response signed when the assertion should be, and the attacker’s own key', async () => {
    expect(await verify({ sign: 'none' })).toMatchObject({ code: 'saml_unsigned', received: 'no signature' });
    expect(codeOf(await verify({ sign: 'response' }))).toBe('saml_unsigned');
    const attacker = await verify({ key: { pem: ATTACKER_KEY_PEM, certificate: ATTACKER_CERTIFICATE_PEM } });
    expect(attacker).toMatchObject({
      code: 'saml_signature',
      message: 'The response is signed with a certificate this connection doesn’t trust.',
    });
  });

  it('content changed after signing no longer verifies', async () => {
    const xml = (await testSamlResponseXml(base())).replace('ada@acme.example</saml:NameID>', 'mallory@acme.example</saml:NameID>');
    expect(codeOf(await verifySamlResponse(b64(xml), connection, sp, new Date()))).toBe('saml_signature');
  });

  it('SHA-1 is refused unless the connection opts in', async () => {
    expect(await verify({ sha1: true })).toMatchObject({ code: 'saml_sha1', received: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1' });
    expect(codeOf(await verify({ sha1: true }, { allowSha1: true }))).toBe('ok');
  });

  it('a failed status is reported in the identity provider’s words', async () => {
    const result = await verify({ status: 'urn:oasis:names:tc:SAML:2.0:status:Responder', sign: 'none' });
    expect(result).toMatchObject({ code: 'saml_status', received: 'urn:oasis:names:tc:SAML:2.0:status:Responder' });
  });

  it('a comment inside the NameID is refused', async () => {
    const result = await verify({ nameId: 'ada@acme.example<!-- -->.attacker.example' });
    expect(result).toMatchObject({ code: 'saml_nameid', message: 'The NameID contains a comment or markup, which Orgdesk refuses.' });
  });

  it('a second assertion prepended, a DOCTYPE, and an oversized or malformed payload', async () => {
    const signed = await testSamlResponseXml(base());
    const second = signed.replace(
      '<saml:Assertion ',
      '<saml:Assertion ID="_extra" Version="2.0"><saml:Issuer>x</saml:Issuer></saml:Assertion><saml:Assertion ',
    );
    expect(await verifySamlResponse(b64(second), connection, sp, new Date())).toMatchObject({
      code: 'saml_assertion_count',
      received: '2',
    });
    const doctype = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]>${signed}`;
    expect(codeOf(await verifySamlResponse(b64(doctype), connection, sp, new Date()))).toBe('saml_doctype');
    const huge = signed.replace(
      '</saml:AttributeStatement>',
      `<saml:Attribute Name="pad"><saml:AttributeValue>${'x'.repeat(300_000)}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>`,
    );
    expect(codeOf(await verifySamlResponse(b64(huge), connection, sp, new Date()))).toBe('saml_too_large');
    expect(codeOf(await verifySamlResponse(b64('<html>login</html>'), connection, sp, new Date()))).toBe('saml_malformed');
    expect(codeOf(await verifySamlResponse('%%%not base64', connection, sp, new Date()))).toBe('saml_malformed');
  });
});

describe('XML signature wrapping, XSW1 to XSW8', () => {
  for (const [name, wrap] of Object.entries(XSW)) {
    it(`${name} is refused`, async () => {
      const responseSigned = name === 'XSW1' || name === 'XSW2';
      const signed = await testSamlResponseXml(base({ sign: responseSigned ? 'response' : 'assertion' }));
      const wrapped = wrap(signed);
      expect(wrapped).toContain('mallory@attacker.example');
      const result = await verifySamlResponse(
        b64(wrapped),
        { ...connection, signedPart: responseSigned ? 'response' : 'assertion' },
        sp,
        new Date(),
      );
      expect(result.ok).toBe(false);
      expect(['saml_wrapped', 'saml_assertion_count']).toContain(codeOf(result));
    });
  }
});
