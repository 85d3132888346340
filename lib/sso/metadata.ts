import { DOMParser } from '@xmldom/xmldom';
import { type Failure, fail, ok, type Result } from '@/lib/result';
import { type ParsedCertificate, parseCertificate } from './certificates';
import { MAX_SSO_CERTIFICATES } from './schemas';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
/** Metadata larger than this is refused: real identity providers' files are a few kilobytes. */
export const MAX_METADATA_BYTES = 512 * 1024;

/** What a SAML connection takes from its identity provider's metadata. */
export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  /** Which binding the SSO URL takes: Orgdesk sends its requests by redirect when it can. */
  binding: 'redirect' | 'post';
  /** The signing certificates, soonest to expire last; at most three. */
  certificates: ParsedCertificate[];
}

function badMetadata(message: string): Failure {
  return fail('invalid_input', message, { fieldErrors: { metadata: [message] } });
}

/** Elements by namespace and local name, as an array. */
function elements(parent: { getElementsByTagNameNS(ns: string, name: string): ArrayLike<Element> }, ns: string, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, name));
}

/**
 * Reads an identity provider's SAML metadata: its entity ID, its single sign-on URL (redirect
 * binding preferred, else POST) and its signing certificates. Says in plain words what is missing.
 * A DOCTYPE is refused outright (no entity expansion), as is anything over 512 KB. Pure.
 */
export function parseIdpMetadata(xml: string, now: Date): Result<IdpMetadata> {
  const text = xml.trim();
  if (!text) return badMetadata('Paste the identity provider’s metadata XML.');
  if (Buffer.byteLength(text) > MAX_METADATA_BYTES)
    return badMetadata('That metadata is over 512 KB: paste the identity provider’s own file.');
  if (/<!DOCTYPE/i.test(text)) return badMetadata('Metadata with a DOCTYPE is refused: an identity provider’s metadata never needs one.');
  if (!text.startsWith('<'))
    return badMetadata('That isn’t XML. Paste the metadata file’s contents, starting with <?xml or <EntityDescriptor.');
  const errors: string[] = [];
  const document = new DOMParser({
    errorHandler: { warning: () => {}, error: (message) => errors.push(message), fatalError: (message) => errors.push(message) },
  }).parseFromString(text, 'text/xml');
  if (errors.length || !document?.documentElement) return badMetadata('That XML can’t be read: check that the whole file was pasted.');
  const descriptors = elements(document, MD, 'IDPSSODescriptor');
  if (!descriptors.length) {
    return badMetadata(
      elements(document, MD, 'SPSSODescriptor').length
        ? 'That is a service provider’s metadata (perhaps Orgdesk’s own). Paste the identity provider’s metadata.'
        : 'No identity provider found in that XML: it has no IDPSSODescriptor. Paste the SAML metadata of the identity provider.',
    );
  }
  if (descriptors.length > 1)
    return badMetadata('That file describes several identity providers. Paste the metadata of the one for this connection.');
  const descriptor = descriptors[0]!;
  const entity = descriptor.parentNode as Element | null;
  const entityId = entity?.getAttribute?.('entityID')?.trim();
  if (!entityId) return badMetadata('The metadata has no entityID: it is the identity provider’s entity ID, and Orgdesk needs it.');

  const services = elements(descriptor, MD, 'SingleSignOnService').filter((service) => service.parentNode === descriptor);
  const redirect = services.find((service) => service.getAttribute('Binding') === REDIRECT);
  const post = services.find((service) => service.getAttribute('Binding') === POST);
  const service = redirect ?? post;
  const ssoUrl = service?.getAttribute('Location')?.trim();
  if (!service || !ssoUrl) return badMetadata('The metadata has no single sign-on URL with the HTTP-Redirect or HTTP-POST binding.');
  if (!/^https?:\/\//i.test(ssoUrl)) return badMetadata(`The metadata’s single sign-on URL, ${ssoUrl}, isn’t an http(s) address.`);

  const keys = elements(descriptor, MD, 'KeyDescriptor').filter((key) => {
    const use = key.getAttribute('use');
    return !use || use === 'signing';
  });
  const certificates: ParsedCertificate[] = [];
  for (const key of keys) {
    for (const node of elements(key, DS, 'X509Certificate')) {
      const parsed = parseCertificate(node.textContent ?? '');
      if (!parsed.ok)
        return badMetadata(
          `A signing certificate in the metadata can’t be read: ${parsed.fieldErrors?.certificate?.[0] ?? parsed.message}`,
        );
      if (!certificates.some((c) => c.fingerprint === parsed.data.fingerprint)) certificates.push(parsed.data);
    }
  }
  if (!certificates.length) return badMetadata('The metadata has no signing certificate (KeyDescriptor with an X509Certificate).');
  // The newest three when a provider publishes more: those that expire last.
  const kept = certificates
    .filter((c) => c.notAfter > now)
    .sort((a, b) => b.notAfter.getTime() - a.notAfter.getTime())
    .slice(0, MAX_SSO_CERTIFICATES);
  if (!kept.length) return badMetadata('Every signing certificate in the metadata has expired. Renew it at the identity provider first.');
  return ok({ entityId, ssoUrl, binding: redirect ? 'redirect' : 'post', certificates: kept });
}
