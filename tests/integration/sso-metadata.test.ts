import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { addDomain } from '@/lib/demo/records';
import { fetchOutbound } from '@/lib/http/outbound';
import { createSsoConnectionCommand, importSamlMetadataCommand } from '@/lib/sso/commands';
import { refreshDueSamlMetadata } from '@/lib/sso/mutations';
import { builder, createTestOrganization, memberOf, uniqueDomain } from '../factories';
import { ATTACKER_CERTIFICATE_PEM, IDP_CERTIFICATE_PEM, idpMetadataXml } from '../support/saml-idp';

// A metadata server on loopback: the identity provider's published file, a redirect, a huge file, and one that never answers.
let server: http.Server;
let rotating: 'old' | 'rotated' | 'broken' = 'old';
let origin: string;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/metadata') {
      response.setHeader('content-type', 'application/samlmetadata+xml');
      response.end(idpMetadataXml('http://www.okta.com/exkFromUrl', 'https://acme.okta.example/sso/saml'));
    } else if (request.url === '/rotating') {
      if (rotating === 'broken') response.writeHead(500).end('down');
      else
        response.end(
          idpMetadataXml(
            'http://www.okta.com/exkRotating',
            'https://acme.okta.example/sso/saml',
            rotating === 'old' ? [IDP_CERTIFICATE_PEM] : [IDP_CERTIFICATE_PEM, ATTACKER_CERTIFICATE_PEM],
          ),
        );
    } else if (request.url === '/moved') {
      response.writeHead(302, { location: 'https://elsewhere.example/metadata' }).end();
    } else if (request.url === '/huge') {
      response.end('x'.repeat(700 * 1024));
    } else if (request.url === '/hang') {
      // Never answers.
    } else response.writeHead(404).end('nope');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  delete process.env.OUTBOUND_ALLOW_ORIGINS;
  resetConfig();
});

async function samlConnection() {
  const org = await createTestOrganization();
  await (await db()).$transaction((tx) => addDomain(tx, org.id, uniqueDomain('meta'), { status: 'verified' }));
  const created = await createSsoConnectionCommand(builder, { organizationId: org.id, name: 'Okta', provider: 'okta', protocol: 'saml' });
  if (!created.ok) throw new Error(created.message);
  return { org, id: created.data.id };
}
const load = async (id: string) => (await db()).ssoConnection.findUniqueOrThrow({ where: { id }, include: { certificates: true } });

describe('importing an identity provider’s metadata', () => {
  it('pasted XML fills the entity ID, SSO URL and certificate, and is audited with what changed', async () => {
    const { org, id } = await samlConnection();
    const result = await importSamlMetadataCommand(builder, {
      organizationId: org.id,
      connectionId: id,
      metadataXml: idpMetadataXml('http://www.okta.com/exkPasted', 'https://acme.okta.example/sso/saml'),
    });
    expect(result).toMatchObject({ ok: true, data: { entityId: 'http://www.okta.com/exkPasted', certificates: 1 } });
    const saved = await load(id);
    expect(saved).toMatchObject({
      idpEntityId: 'http://www.okta.com/exkPasted',
      idpSsoUrl: 'https://acme.okta.example/sso/saml',
      idpMetadataUrl: null,
    });
    expect(saved.certificates).toHaveLength(1);
    const event = await (await db()).auditEvent.findFirstOrThrow({ where: { targetId: id, action: 'sso.metadata_imported' } });
    expect(event.summary).toMatchObject({ source: 'xml', idpEntityId: { before: null, after: 'http://www.okta.com/exkPasted' } });
  });

  it('by URL: keeps the address for the daily refresh; without the allow-list, plain http and loopback addresses are refused', async () => {
    const { org, id } = await samlConnection();
    const ref = { organizationId: org.id, connectionId: id };

    delete process.env.OUTBOUND_ALLOW_ORIGINS;
    resetConfig();
    const plain = await importSamlMetadataCommand(builder, { ...ref, metadataUrl: `${origin}/metadata` });
    expect(plain).toMatchObject({ ok: false, code: 'fetch_failed' });
    if (!plain.ok) expect(plain.fieldErrors?.metadataUrl?.[0]).toMatch(/only https:\/\/ addresses/);
    const loopback = await importSamlMetadataCommand(builder, { ...ref, metadataUrl: 'https://127.0.0.1:9/metadata' });
    if (!loopback.ok) expect(loopback.fieldErrors?.metadataUrl?.[0]).toMatch(/private or loopback address/);
    expect(loopback.ok).toBe(false);
    // A name that resolves to loopback is caught at the connection's own lookup.
    const named = await importSamlMetadataCommand(builder, { ...ref, metadataUrl: 'https://localhost:9/metadata' });
    if (!named.ok) expect(named.fieldErrors?.metadataUrl?.[0]).toMatch(/localhost resolves to a private or loopback address/);
    expect(named.ok).toBe(false);
    expect((await load(id)).idpEntityId).toBeNull();

    process.env.OUTBOUND_ALLOW_ORIGINS = origin;
    resetConfig();
    const fetched = await importSamlMetadataCommand(builder, { ...ref, metadataUrl: `${origin}/metadata` });
    expect(fetched).toMatchObject({ ok: true, data: { entityId: 'http://www.okta.com/exkFromUrl' } });
    const saved = await load(id);
    expect(saved.idpMetadataUrl).toBe(`${origin}/metadata`);
    expect(saved.idpMetadataFetchedAt).not.toBeNull();

    const missing = await importSamlMetadataCommand(builder, { ...ref, metadataUrl: `${origin}/gone` });
    if (!missing.ok) expect(missing.fieldErrors?.metadataUrl?.[0]).toMatch(/answered 404/);
    expect(missing.ok).toBe(false);
    expect((await load(id)).idpEntityId).toBe('http://www.okta.com/exkFromUrl');
  });

  it('the outbound fetch follows no redirect, caps the size, and gives up on a silent server', async () => {
    const options = { allowOrigins: [origin], timeoutMs: 300, maxBytes: 512 * 1024 };
    const moved = await fetchOutbound(`${origin}/moved`, options);
    expect(!moved.ok && moved.message).toMatch(/a redirect to https:\/\/elsewhere\.example\/metadata; use that address/);
    const huge = await fetchOutbound(`${origin}/huge`, options);
    expect(!huge.ok && huge.message).toMatch(/larger than Orgdesk accepts/);
    const hang = await fetchOutbound(`${origin}/hang`, options);
    expect(!hang.ok && hang.message).toMatch(/didn’t answer in time/);
  });

  it('bad input changes nothing: no source, a non-address, broken XML', async () => {
    const { org, id } = await samlConnection();
    const ref = { organizationId: org.id, connectionId: id };
    const empty = await importSamlMetadataCommand(builder, ref);
    expect(empty).toMatchObject({
      ok: false,
      code: 'invalid_input',
      fieldErrors: { metadataUrl: [expect.stringMatching(/Enter the metadata URL/)] },
    });
    const notUrl = await importSamlMetadataCommand(builder, { ...ref, metadataUrl: 'acme.okta.com/metadata' });
    expect(notUrl).toMatchObject({ ok: false, fieldErrors: { metadataUrl: [expect.stringMatching(/starting with https:\/\//)] } });
    const broken = await importSamlMetadataCommand(builder, { ...ref, metadataXml: '<md:EntityDescriptor' });
    expect(broken).toMatchObject({ ok: false, fieldErrors: { metadataXml: [expect.stringMatching(/can’t be read/)] } });
    expect((await load(id)).idpEntityId).toBeNull();
  });

  it('another organization’s connection is not found, and an OIDC connection has no metadata', async () => {
    const { org: theirs, id } = await samlConnection();
    const mine = await createTestOrganization();
    const owner = await memberOf(mine.id, 'owner');
    const xml = idpMetadataXml('urn:attacker', 'https://attacker.example/sso');
    for (const [principal, organizationId] of [
      [builder, mine.id],
      [owner, mine.id],
      [owner, theirs.id],
    ] as const) {
      const result = await importSamlMetadataCommand(principal, { organizationId, connectionId: id, metadataXml: xml });
      expect(result).toMatchObject({ ok: false, code: 'not_found' });
    }
    expect((await load(id)).idpEntityId).toBeNull();

    const oidc = await createSsoConnectionCommand(builder, {
      organizationId: theirs.id,
      name: 'OIDC',
      provider: 'generic_oidc',
      protocol: 'oidc',
    });
    if (!oidc.ok) throw new Error(oidc.message);
    expect(
      await importSamlMetadataCommand(builder, { organizationId: theirs.id, connectionId: oidc.data.id, metadataXml: xml }),
    ).toMatchObject({
      ok: false,
      code: 'wrong_protocol',
    });
  });

  it('metadata from a URL is read again daily: a rotated certificate is taken and audited; a failure changes nothing and is audited', async () => {
    process.env.OUTBOUND_ALLOW_ORIGINS = origin;
    resetConfig();
    const { org, id } = await samlConnection();
    rotating = 'old';
    const imported = await importSamlMetadataCommand(builder, {
      organizationId: org.id,
      connectionId: id,
      metadataUrl: `${origin}/rotating`,
    });
    expect(imported.ok).toBe(true);
    const client = await db();
    const importedAt = (await load(id)).idpMetadataFetchedAt!;
    // Not due within the day: nothing is read (other tests' connections may be due; this one isn't).
    await refreshDueSamlMetadata(client, new Date(importedAt.getTime() + 60 * 60_000), 1000);
    expect((await load(id)).idpMetadataFetchedAt).toEqual(importedAt);

    rotating = 'rotated';
    const later = new Date(importedAt.getTime() + 25 * 60 * 60_000);
    expect(await refreshDueSamlMetadata(client, later, 1000)).toBeGreaterThanOrEqual(1);
    const rotated = await load(id);
    expect(rotated.certificates).toHaveLength(2);
    expect(rotated.idpMetadataFetchedAt).toEqual(later);
    const changed = await client.auditEvent.findFirstOrThrow({ where: { targetId: id, action: 'sso.metadata_changed' } });
    expect((changed.summary as { certificates: { added: string[] } }).certificates.added).toHaveLength(1);

    rotating = 'broken';
    const dayAfter = new Date(later.getTime() + 25 * 60 * 60_000);
    await refreshDueSamlMetadata(client, dayAfter, 1000);
    expect((await load(id)).certificates).toHaveLength(2);
    const failed = await client.auditEvent.findFirstOrThrow({ where: { targetId: id, action: 'sso.metadata_refresh_failed' } });
    expect((failed.summary as { reason: string }).reason).toMatch(/answered 500/);
    // Unchanged metadata writes nothing.
    rotating = 'rotated';
    const events = await client.auditEvent.count({ where: { targetId: id } });
    await refreshDueSamlMetadata(client, new Date(dayAfter.getTime() + 25 * 60 * 60_000), 1000);
    expect(await client.auditEvent.count({ where: { targetId: id } })).toBe(events);
  });
});
