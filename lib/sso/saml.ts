import crypto from 'node:crypto';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import { SSO_PROVIDERS, type SsoProviderKey } from './providers';

/**
 * SAML 2.0, service-provider side: the AuthnRequest Orgdesk sends, and the checks a response must
 * pass before anyone is signed in. The signature itself is verified by @node-saml/node-saml (with
 * xml-crypto), and only over a document whose shape leaves no room for signature wrapping: one
 * Response, one Assertion directly inside it, unique IDs, and the signature a direct child of the
 * part it signs, referring to it by ID. Every other check is made here, so each failure has its
 * own code and can say what was expected, what arrived, and where to fix it. No database: the
 * request and replay bookkeeping is the caller's (lib/sso/saml-flow.ts).
 */

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SHA1 = /#(rsa-sha1|sha1|dsa-sha1|ecdsa-sha1)$/;

/** A response is at most 256 KB once decoded. */
export const MAX_SAML_RESPONSE_BYTES = 256 * 1024;
/** A request Orgdesk issued stays answerable for 10 minutes. */
export const SAML_REQUEST_TTL_MS = 10 * 60 * 1000;
/** An assertion the identity provider started (no request) must be at most 5 minutes old. */
export const IDP_INITIATED_MAX_AGE_MS = 5 * 60 * 1000;

export type SamlFailureCode =
  | 'saml_too_large'
  | 'saml_malformed'
  | 'saml_doctype'
  | 'saml_status'
  | 'saml_assertion_count'
  | 'saml_encrypted'
  | 'saml_wrapped'
  | 'saml_unsigned'
  | 'saml_sha1'
  | 'saml_signature'
  | 'saml_issuer'
  | 'saml_audience'
  | 'saml_destination'
  | 'saml_recipient'
  | 'saml_bearer'
  | 'saml_not_yet_valid'
  | 'saml_expired'
  | 'saml_nameid'
  | 'saml_in_response_to'
  | 'saml_unsolicited'
  | 'saml_too_old'
  | 'saml_replay'
  | 'saml_missing_email'
  | 'saml_account_conflict'
  | 'saml_suspended'
  | 'sso_disabled';

/** OpenID Connect's refusals (lib/sso/oidc.ts) share the shape, with codes of their own. */
export type SsoFailureCode = SamlFailureCode | `oidc_${string}`;

/** A refused sign-in: which check, in plain words, what was expected and received, and the fix. */
export interface SamlFailure {
  ok: false;
  code: SsoFailureCode;
  /** The check's name, as the test result page lists it. */
  check: string;
  message: string;
  expected?: string;
  received?: string;
  fix?: string;
}

export interface SamlConnectionSettings {
  provider: string;
  idpEntityId: string;
  certificates: readonly { pem: string; fingerprint: string }[];
  signedPart: 'assertion' | 'response';
  allowSha1: boolean;
  clockSkewSeconds: number;
  idpInitiated: boolean;
  attributeMapping: { email?: string; firstName?: string; lastName?: string; groups?: string };
}

export interface SamlServiceProvider {
  acsUrl: string;
  entityId: string;
}

/** What a verified response says, for the sign-in and for the test result page. */
export interface VerifiedAssertion {
  ok: true;
  assertionId: string;
  /** The request it answers; null when the identity provider started the sign-in. */
  inResponseTo: string | null;
  subject: string;
  nameIdFormat: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  groups: string[];
  /** Every attribute received, by name. */
  attributes: Record<string, string[]>;
  /** The certificate that verified the signature, by SHA-256 fingerprint. */
  certificateFingerprint: string;
  issueInstant: Date;
  /** The identity provider's clock minus Orgdesk's, from IssueInstant, in milliseconds. */
  clockDifferenceMs: number;
  /** Until when the assertion may be replayed at the earliest: its NotOnOrAfter (or issue time + skew). */
  replayGuardUntil: Date;
}

export type SamlVerification = VerifiedAssertion | SamlFailure;

/** A refused sign-in, as every SSO check (SAML, OIDC, the shared finish) reports it. */
export function ssoFailure(
  code: SsoFailureCode,
  check: string,
  message: string,
  extra: Omit<SamlFailure, 'ok' | 'code' | 'check' | 'message'> = {},
): SamlFailure {
  return { ok: false, code, check, message, ...extra };
}

function providerWords(provider: string) {
  const info = SSO_PROVIDERS[provider as SsoProviderKey] ?? SSO_PROVIDERS.generic_saml;
  const saml = info.saml ?? SSO_PROVIDERS.generic_saml.saml!;
  return { label: info.label, saml };
}

const children = (parent: Element, ns: string, name: string): Element[] =>
  Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === name,
  );
const child = (parent: Element | undefined, ns: string, name: string): Element | undefined =>
  parent ? children(parent, ns, name)[0] : undefined;
const all = (doc: Document | Element, ns: string, name: string): Element[] => Array.from(doc.getElementsByTagNameNS(ns, name));

/** An element's text, refusing comments and nested elements inside it (a comment can split a NameID). */
function plainText(element: Element): string | null {
  let text = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 3 || node.nodeType === 4) text += node.nodeValue ?? '';
    else return null;
  }
  return text.trim();
}

function parseInstant(value: string | null | undefined): Date | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The fingerprint of the certificate a signature carries in its KeyInfo, if any. */
function keyInfoFingerprint(signature: Element): string | null {
  const certificate = all(signature, DSIG, 'X509Certificate')[0];
  const base64 = certificate?.textContent?.replace(/\s+/g, '');
  if (!base64) return null;
  try {
    return crypto
      .createHash('sha256')
      .update(new crypto.X509Certificate(Buffer.from(base64, 'base64')).raw)
      .digest('hex');
  } catch {
    return null;
  }
}

const shortFingerprint = (fingerprint: string) => `${fingerprint.slice(0, 16).match(/.{2}/g)!.join(':').toUpperCase()}…`;

/**
 * Checks a SAMLResponse (as posted: base64) for one connection, at `now`. Pure apart from the
 * signature library's own clock, which agrees with `now` in production.
 */
export async function verifySamlResponse(
  samlResponse: string,
  connection: SamlConnectionSettings,
  sp: SamlServiceProvider,
  now: Date,
): Promise<SamlVerification> {
  const { label, saml: words } = providerWords(connection.provider);
  const skewMs = connection.clockSkewSeconds * 1000;

  // The envelope: size, encoding, no DOCTYPE, a Response.
  if (samlResponse.length > Math.ceil((MAX_SAML_RESPONSE_BYTES * 4) / 3) + 4) {
    return ssoFailure(
      'saml_too_large',
      'Size',
      `The response is larger than ${MAX_SAML_RESPONSE_BYTES / 1024} KB, which Orgdesk refuses.`,
      {
        fix: `Send fewer attributes or groups from ${label}: filter the group claim to the groups that matter here.`,
      },
    );
  }
  const xml = Buffer.from(samlResponse.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (Buffer.byteLength(xml) > MAX_SAML_RESPONSE_BYTES) {
    return ssoFailure('saml_too_large', 'Size', `The response is larger than ${MAX_SAML_RESPONSE_BYTES / 1024} KB, which Orgdesk refuses.`);
  }
  if (/<!DOCTYPE/i.test(xml)) {
    return ssoFailure(
      'saml_doctype',
      'Document type',
      'The response contains a DOCTYPE, which Orgdesk always refuses: no identity provider needs one.',
    );
  }
  const errors: string[] = [];
  const document = new DOMParser({
    errorHandler: { warning: () => {}, error: (m) => errors.push(m), fatalError: (m) => errors.push(m) },
  }).parseFromString(xml, 'text/xml');
  const root = document?.documentElement;
  if (errors.length || !root || root.namespaceURI !== PROTOCOL || root.localName !== 'Response') {
    return ssoFailure('saml_malformed', 'Response format', 'What arrived isn’t a SAML 2.0 Response.', {
      fix: `Check that ${label} posts to Orgdesk’s ${words.acsUrlField} with the HTTP-POST binding.`,
    });
  }

  // The identity provider's own verdict comes first: a refusal is rarely signed.
  const statusCode = child(child(root, PROTOCOL, 'Status'), PROTOCOL, 'StatusCode');
  const status = statusCode?.getAttribute('Value') ?? '';
  if (status !== SUCCESS) {
    const inner = child(statusCode, PROTOCOL, 'StatusCode')?.getAttribute('Value');
    const statusMessage = child(child(root, PROTOCOL, 'Status'), PROTOCOL, 'StatusMessage')?.textContent?.trim();
    return ssoFailure('saml_status', 'Status', `${label} refused the sign-in${statusMessage ? `: “${statusMessage}”` : ''}.`, {
      expected: SUCCESS,
      received: [status || 'no status', inner].filter(Boolean).join(' / '),
      fix: `Check in ${label} that the person is assigned to the application, and read its sign-in log for the reason.`,
    });
  }

  // One shape only, so the signed part is the part that is read.
  if (all(document, PROTOCOL, 'Response').length !== 1) {
    return ssoFailure(
      'saml_wrapped',
      'Document structure',
      'The response contains another Response inside it, a sign of signature wrapping.',
    );
  }
  if (all(document, ASSERTION, 'EncryptedAssertion').length) {
    return ssoFailure('saml_encrypted', 'Assertion', 'The assertion is encrypted, and Orgdesk publishes no encryption key.', {
      fix: `Turn off assertion encryption for this application in ${label}.`,
    });
  }
  const assertions = all(document, ASSERTION, 'Assertion');
  if (assertions.length !== 1) {
    return ssoFailure(
      'saml_assertion_count',
      'Exactly one assertion',
      `The response holds ${assertions.length} assertions; exactly one is accepted.`,
      {
        expected: '1',
        received: String(assertions.length),
      },
    );
  }
  const assertion = assertions[0]!;
  if (assertion.parentNode !== root) {
    return ssoFailure(
      'saml_wrapped',
      'Document structure',
      'The assertion isn’t directly inside the Response, a sign of signature wrapping.',
    );
  }
  const ids = new Map<string, number>();
  for (const element of Array.from(document.getElementsByTagName('*'))) {
    for (const name of ['ID', 'Id', 'id']) {
      const value = element.getAttribute(name);
      if (value) ids.set(value, (ids.get(value) ?? 0) + 1);
    }
  }
  if ([...ids.values()].some((count) => count > 1)) {
    return ssoFailure('saml_wrapped', 'Document structure', 'Two elements of the response share an ID, a sign of signature wrapping.');
  }

  // The signature: on the configured part, a direct child that refers to it, never SHA-1 unless allowed.
  const signed = connection.signedPart === 'response' ? root : assertion;
  const signedName = connection.signedPart === 'response' ? 'response' : 'assertion';
  const signatures = children(signed, DSIG, 'Signature');
  if (signatures.length !== 1) {
    return ssoFailure('saml_unsigned', 'Signature', `The ${signedName} isn’t signed${signatures.length > 1 ? ' once' : ''}.`, {
      expected: `a signed ${signedName}`,
      received: signatures.length ? `${signatures.length} signatures` : 'no signature',
      fix:
        connection.signedPart === 'assertion'
          ? `In ${label}, sign the assertion (or sign both), or set this connection to expect a signed response.`
          : `In ${label}, sign the response, or set this connection to expect a signed assertion.`,
    });
  }
  const signature = signatures[0]!;
  const references = all(signature, DSIG, 'Reference');
  const signedId = signed.getAttribute('ID');
  if (references.length !== 1 || !signedId || references[0]!.getAttribute('URI') !== `#${signedId}`) {
    return ssoFailure(
      'saml_wrapped',
      'Signature reference',
      `The signature doesn’t refer to the ${signedName} it sits in, a sign of signature wrapping.`,
    );
  }
  const algorithms = [
    all(signature, DSIG, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '',
    all(signature, DSIG, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? '',
  ];
  const weak = algorithms.find((algorithm) => SHA1.test(algorithm));
  if (weak && !connection.allowSha1) {
    return ssoFailure(
      'saml_sha1',
      'Signature algorithm',
      'The response is signed with SHA-1, which Orgdesk refuses unless the connection allows it.',
      {
        expected: 'RSA-SHA256 (or stronger)',
        received: weak,
        fix: `In ${label}, set the signature algorithm to RSA-SHA256 and the digest to SHA256.`,
      },
    );
  }

  // Who says it, and to whom.
  const issuers = [child(root, ASSERTION, 'Issuer'), child(assertion, ASSERTION, 'Issuer')].filter((e): e is Element => Boolean(e));
  const wrongIssuer = issuers.map((e) => e.textContent?.trim() ?? '').find((value) => value !== connection.idpEntityId);
  if (!child(assertion, ASSERTION, 'Issuer') || wrongIssuer !== undefined) {
    return ssoFailure('saml_issuer', 'Issuer', `Issuer was ${wrongIssuer ?? 'missing'}, expected ${connection.idpEntityId}.`, {
      expected: connection.idpEntityId,
      received: wrongIssuer ?? 'no Issuer',
      fix: `Copy ${label}’s ${words.entityIdField} into this connection again (or import its metadata).`,
    });
  }
  const destination = root.getAttribute('Destination');
  if (destination && destination !== sp.acsUrl) {
    return ssoFailure('saml_destination', 'Destination', `Destination was ${destination}, expected ${sp.acsUrl}.`, {
      expected: sp.acsUrl,
      received: destination,
      fix: `Set the ${words.acsUrlField} in ${label} to ${sp.acsUrl}.`,
    });
  }
  const conditions = child(assertion, ASSERTION, 'Conditions');
  const audiences = children(child(conditions, ASSERTION, 'AudienceRestriction') ?? root, ASSERTION, 'Audience').map(
    (e) => e.textContent?.trim() ?? '',
  );
  if (!audiences.includes(sp.entityId)) {
    return ssoFailure('saml_audience', 'Audience', `Audience was ${audiences.join(', ') || 'missing'}, expected ${sp.entityId}.`, {
      expected: sp.entityId,
      received: audiences.join(', ') || 'no Audience',
      fix: `Set the ${words.spEntityIdField} in ${label} to ${sp.entityId}.`,
    });
  }
  const subject = child(assertion, ASSERTION, 'Subject');
  const bearer = children(subject ?? assertion, ASSERTION, 'SubjectConfirmation').find((e) => e.getAttribute('Method') === BEARER);
  if (!bearer) {
    return ssoFailure('saml_bearer', 'Subject confirmation', 'The assertion has no bearer subject confirmation.', {
      expected: BEARER,
      received:
        children(subject ?? assertion, ASSERTION, 'SubjectConfirmation')
          .map((e) => e.getAttribute('Method'))
          .join(', ') || 'none',
    });
  }
  const confirmation = child(bearer, ASSERTION, 'SubjectConfirmationData');
  const recipient = confirmation?.getAttribute('Recipient') ?? '';
  if (recipient !== sp.acsUrl) {
    return ssoFailure('saml_recipient', 'Recipient', `Recipient was ${recipient || 'missing'}, expected ${sp.acsUrl}.`, {
      expected: sp.acsUrl,
      received: recipient || 'no Recipient',
      fix: `Set the ${words.acsUrlField} (and the Recipient, if ${label} asks for it separately) to ${sp.acsUrl}.`,
    });
  }

  // When: within the skew, measured against the identity provider's own clock.
  const issueInstant = parseInstant(assertion.getAttribute('IssueInstant'));
  if (!issueInstant) return ssoFailure('saml_malformed', 'Issue time', 'The assertion has no valid IssueInstant.');
  const clockDifferenceMs = issueInstant.getTime() - now.getTime();
  const clock = `The identity provider’s clock is ${Math.abs(Math.round(clockDifferenceMs / 1000))} s ${clockDifferenceMs >= 0 ? 'ahead of' : 'behind'} Orgdesk’s; ${connection.clockSkewSeconds} s are tolerated.`;
  const notBefore = parseInstant(conditions?.getAttribute('NotBefore'));
  if (notBefore && notBefore.getTime() - skewMs > now.getTime()) {
    return ssoFailure('saml_not_yet_valid', 'Not before', `The assertion is valid only from ${notBefore.toISOString()}. ${clock}`, {
      expected: `NotBefore at or before ${new Date(now.getTime() + skewMs).toISOString()}`,
      received: notBefore.toISOString(),
      fix: `Sync ${label}’s clock (or Orgdesk’s) with NTP, or raise the tolerated clock skew (at most 10 minutes).`,
    });
  }
  const deadlines = [conditions?.getAttribute('NotOnOrAfter'), confirmation?.getAttribute('NotOnOrAfter')]
    .map(parseInstant)
    .filter((d): d is Date => d !== null);
  const deadline = deadlines.sort((a, b) => a.getTime() - b.getTime())[0];
  if (deadline && deadline.getTime() + skewMs <= now.getTime()) {
    return ssoFailure('saml_expired', 'Not on or after', `The assertion expired at ${deadline.toISOString()}. ${clock}`, {
      expected: `NotOnOrAfter after ${new Date(now.getTime() - skewMs).toISOString()}`,
      received: deadline.toISOString(),
      fix: 'Sign in again; if it keeps happening, sync the clocks with NTP or raise the tolerated clock skew.',
    });
  }

  // Who: a NameID with no comment or markup inside.
  const nameId = child(subject, ASSERTION, 'NameID');
  const subjectValue = nameId ? plainText(nameId) : null;
  if (!nameId || !subjectValue) {
    return ssoFailure(
      'saml_nameid',
      'Subject',
      nameId ? 'The NameID contains a comment or markup, which Orgdesk refuses.' : 'The assertion has no NameID.',
      {
        fix: `In ${label}, send the person’s email address (or a stable id) as a plain NameID.`,
      },
    );
  }

  // The cryptography, certificate by certificate (the one the signature names first).
  const named = keyInfoFingerprint(signature);
  const candidates = [...connection.certificates].sort((a, b) => Number(b.fingerprint === named) - Number(a.fingerprint === named));
  let verifiedBy: string | null = null;
  let lastError = '';
  for (const certificate of candidates) {
    const saml = new SAML({
      idpCert: certificate.pem,
      issuer: sp.entityId,
      callbackUrl: sp.acsUrl,
      audience: sp.entityId,
      idpIssuer: connection.idpEntityId,
      wantAssertionsSigned: connection.signedPart === 'assertion',
      wantAuthnResponseSigned: connection.signedPart === 'response',
      acceptedClockSkewMs: skewMs,
      validateInResponseTo: ValidateInResponseTo.never,
    });
    try {
      await saml.validatePostResponseAsync({ SAMLResponse: samlResponse });
      verifiedBy = certificate.fingerprint;
      break;
    } catch (error) {
      lastError = (error as Error).message;
    }
  }
  if (!verifiedBy) {
    const trusted = connection.certificates.map((c) => shortFingerprint(c.fingerprint)).join(', ') || 'none';
    const untrusted = named && !connection.certificates.some((c) => c.fingerprint === named);
    return ssoFailure(
      'saml_signature',
      'Signature',
      untrusted
        ? 'The response is signed with a certificate this connection doesn’t trust.'
        : `The signature doesn’t verify with any trusted certificate (${lastError || 'invalid signature'}).`,
      {
        expected: `a signature by one of: ${trusted}`,
        received: named ? `signed by ${shortFingerprint(named)}` : 'a signature that doesn’t verify',
        fix: `Copy ${label}’s current ${words.certificateField} into this connection (up to three are trusted at once during a rotation), or import its metadata again.`,
      },
    );
  }

  // What it says about the person.
  const attributes: Record<string, string[]> = {};
  for (const attribute of all(assertion, ASSERTION, 'Attribute')) {
    const name = attribute.getAttribute('Name') ?? '';
    const values = children(attribute, ASSERTION, 'AttributeValue').map((value) => plainText(value));
    if (values.some((value) => value === null)) {
      return ssoFailure('saml_nameid', 'Attributes', `The attribute ${name} contains a comment or markup, which Orgdesk refuses.`);
    }
    attributes[name] = [...(attributes[name] ?? []), ...(values as string[]).filter(Boolean)];
  }
  const first = (key: string | undefined) => (key ? (attributes[key]?.[0] ?? null) : null);
  const mapping = connection.attributeMapping;
  const email = first(mapping.email) ?? (/^[^@\s]+@[^@\s]+$/.test(subjectValue) ? subjectValue : null);
  const inResponseTo = confirmation?.getAttribute('InResponseTo') || root.getAttribute('InResponseTo') || null;
  return {
    ok: true,
    assertionId: assertion.getAttribute('ID') ?? '',
    inResponseTo,
    subject: subjectValue,
    nameIdFormat: nameId.getAttribute('Format'),
    email: email?.toLowerCase() ?? null,
    firstName: first(mapping.firstName),
    lastName: first(mapping.lastName),
    groups: mapping.groups ? (attributes[mapping.groups] ?? []) : [],
    attributes,
    certificateFingerprint: verifiedBy,
    issueInstant,
    clockDifferenceMs,
    replayGuardUntil: new Date(Math.max(deadline?.getTime() ?? 0, issueInstant.getTime()) + skewMs + IDP_INITIATED_MAX_AGE_MS),
  };
}

/**
 * The AuthnRequest URL (HTTP-Redirect binding) that starts a sign-in at the identity provider:
 * unsigned, no RequestedAuthnContext (Entra rejects one it doesn't satisfy), our own request id.
 */
export async function authnRequestUrl(
  connection: { idpSsoUrl: string; certificates: readonly { pem: string }[] },
  sp: SamlServiceProvider,
  requestId: string,
  relayState: string,
): Promise<string> {
  const saml = new SAML({
    entryPoint: connection.idpSsoUrl,
    idpCert: connection.certificates.map((c) => c.pem),
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    disableRequestedAuthnContext: true,
    identifierFormat: null,
    validateInResponseTo: ValidateInResponseTo.never,
    generateUniqueId: () => requestId,
  });
  return saml.getAuthorizeUrlAsync(relayState, undefined, {});
}

/** A fresh request id: SAML IDs must not start with a digit. */
export function newSamlRequestId(): string {
  return `_${crypto.randomBytes(20).toString('hex')}`;
}

/**
 * What the person signing in is told when their sign-in is refused: what to do, without the
 * technical detail (that is in the connection's sign-in log, for the organization's admins).
 */
export function personMessage(code: string): string {
  switch (code) {
    case 'saml_in_response_to':
    case 'saml_replay':
    case 'saml_expired':
    case 'saml_too_old':
      return 'This sign-in expired or was already used. Start again from the sign-in page.';
    case 'saml_account_conflict':
      return 'An account with your email address already exists, and your organization’s domain isn’t verified for single sign-on. Ask your organization’s admin, or sign in with an email link.';
    case 'saml_missing_email':
      return 'Your identity provider didn’t send your email address. Ask your organization’s IT admin to send it.';
    case 'saml_status':
      return 'Your identity provider didn’t complete the sign-in. Check that you are assigned to the app, or ask your IT admin.';
    case 'sso_disabled':
      return 'Single sign-on is turned off for this organization. Ask its admin.';
    case 'saml_suspended':
      return 'Your membership of this organization is suspended. Ask its admin.';
    default:
      return 'Your organization’s single sign-on couldn’t be completed. Your IT admin can see why in the connection’s sign-in log in Orgdesk.';
  }
}
