import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { type TestResponseOptions, testSamlResponse } from './saml-idp';

/**
 * A test SAML identity provider on loopback, for the browser journeys: it takes Orgdesk's
 * AuthnRequest by redirect, and answers with a page that posts a signed response to the ACS the
 * request named, for whoever `signIn` says is signed in there. `overrides` break one value at a
 * time (the audience, say) to see Orgdesk explain the failure.
 */
export interface TestIdp {
  url: string;
  entityId: string;
  signIn: { nameId: string; email: string; firstName?: string; lastName?: string; groups?: string[] };
  overrides: Partial<TestResponseOptions>;
  /** The AuthnRequests received, decoded. */
  requests: string[];
  close(): Promise<void>;
}

export async function startTestIdp(entityId: string): Promise<TestIdp> {
  const idp = {
    entityId,
    signIn: { nameId: 'person@example.com', email: 'person@example.com' },
    overrides: {},
    requests: [] as string[],
  } as TestIdp;
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://idp.test');
    if (url.pathname !== '/sso') {
      response.writeHead(404).end();
      return;
    }
    const xml = zlib.inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
    idp.requests.push(xml);
    const id = /\sID="([^"]+)"/.exec(xml)?.[1];
    const acsUrl = /AssertionConsumerServiceURL="([^"]+)"/.exec(xml)?.[1] ?? '';
    const audience = /<(?:\w+:)?Issuer[^>]*>([^<]+)</.exec(xml)?.[1] ?? '';
    const samlResponse = await testSamlResponse({
      issuer: entityId,
      acsUrl,
      audience,
      inResponseTo: id,
      nameId: idp.signIn.nameId,
      attributes: {
        email: [idp.signIn.email],
        firstName: [idp.signIn.firstName ?? 'Test'],
        lastName: [idp.signIn.lastName ?? 'Person'],
        groups: idp.signIn.groups ?? [],
      },
      ...idp.overrides,
    });
    const relayState = url.searchParams.get('RelayState') ?? '';
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<main><h1>Test identity provider</h1><p>Signing in ${idp.signIn.email}…</p>
<form method="post" action="${acsUrl}" id="post">
<input type="hidden" name="SAMLResponse" value="${samlResponse}">
<input type="hidden" name="RelayState" value="${relayState.replace(/"/g, '&quot;')}">
<button type="submit">Continue</button></form></main>
<script>document.getElementById('post').submit()</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  idp.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sso`;
  idp.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return idp;
}
