import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { addDomain } from '@/lib/demo/records';
import { createDirectoryCommand, deleteDirectoryCommand } from '@/lib/directory/commands';
import { addDomainCommand, enableAutoJoinCommand, removeDomainCommand, verifyDomainCommand } from '@/lib/domains/commands';
import { verificationRecord } from '@/lib/domains/normalize';
import { runDueJobs } from '@/lib/jobs/runner';
import { type AuthenticatedSetupLink, authenticateSetupLink } from '@/lib/setup-links/auth';
import { createSetupLinkCommand, revokeSetupLinkCommand } from '@/lib/setup-links/commands';
import { SETUP_LINK_EMAIL } from '@/lib/setup-links/delivery';
import { recordSetupLinkOpened } from '@/lib/setup-links/mutations';
import { setupLinksOf } from '@/lib/setup-links/queries';
import {
  configureSamlConnectionCommand,
  createSsoConnectionCommand,
  deleteSsoConnectionCommand,
  setSsoConnectionEnabledCommand,
  startSsoTestCommand,
} from '@/lib/sso/commands';
import { completeSamlSignIn } from '@/lib/sso/flow';
import { serviceProviderValues } from '@/lib/sso/sp';
import { builder, createTestOrganization, memberOf, uniqueDomain, uniqueEmail } from '../factories';
import { startDnsServer } from '../support/dns-server';
import { IDP_CERTIFICATE_PEM, testSamlResponse } from '../support/saml-idp';
import { smtpSinkForTests } from '../support/smtp-hooks';
import { linksIn } from '../support/smtp-sink';

const smtp = smtpSinkForTests({});
let dns: Awaited<ReturnType<typeof startDnsServer>>;
const request = { ip: '203.0.113.9', requestId: 'setup-test' };

beforeAll(async () => {
  dns = await startDnsServer();
  process.env.DNS_SERVERS = dns.server;
});
afterAll(async () => {
  delete process.env.DNS_SERVERS;
  await dns.close();
});

const HOUR = 3_600_000;

async function newLink(organizationId: string, fields: Record<string, unknown> = {}) {
  const created = await createSetupLinkCommand(builder, { organizationId, intents: ['domains', 'sso'], ...fields });
  if (!created.ok) throw new Error(created.message);
  const token = created.data.url.split('/setup/')[1]!;
  const auth = await authenticateSetupLink(await db(), token, new Date());
  if (!auth.ok) throw new Error(auth.message);
  return { ...created.data, token, auth: auth.data };
}

const domainsOf = async (organizationId: string) =>
  (await (await db()).domain.findMany({ where: { organizationId }, select: { name: true } })).map((d) => d.name);

describe('creating setup links', () => {
  it('stores only the token’s hash, audits the creation, and a GET of the link changes nothing', async () => {
    const org = await createTestOrganization();
    const link = await newLink(org.id, { expiresInHours: '24' });
    expect(link.url.startsWith(`${getConfig().appUrl}/setup/setup_`)).toBe(true);
    expect(link.token).toMatch(/^setup_[A-Za-z0-9_-]{43}$/);
    const client = await db();
    const row = await client.setupLink.findUniqueOrThrow({ where: { id: link.linkId } });
    expect(JSON.stringify(row)).not.toContain(link.token.slice(6));
    expect(row).toMatchObject({
      intents: ['domains', 'sso'],
      sentTo: null,
      tokenSealed: null,
      openedAt: null,
      createdByEmail: builder.email,
    });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(24 * HOUR);
    // Looking the link up (what the page's GET does) writes nothing.
    await authenticateSetupLink(client, link.token, new Date());
    expect((await client.setupLink.findUniqueOrThrow({ where: { id: link.linkId } })).openedAt).toBeNull();
    expect(await client.auditEvent.count({ where: { organizationId: org.id, action: 'setup_link.created', targetId: link.linkId } })).toBe(
      1,
    );
  });

  it('defaults to 72 hours, and refuses bad input with field errors, creating nothing', async () => {
    const org = await createTestOrganization();
    const link = await newLink(org.id);
    expect(link.expiresAt.getTime() - link.auth.link.expiresAt.getTime()).toBe(0);
    const row = await (await db()).setupLink.findUniqueOrThrow({ where: { id: link.linkId } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(72 * HOUR);
    for (const [fields, field, words] of [
      [{ intents: [] }, 'intents', 'Choose at least one'],
      [{ intents: ['domains', 'billing'] }, 'intents', 'Choose from'],
      [{ intents: ['sso'], expiresInHours: '721' }, 'expiresInHours', '30 days at most'],
      [{ intents: ['sso'], expiresInHours: '0' }, 'expiresInHours', 'at least an hour'],
      [{ intents: ['sso'], sendTo: 'not an address' }, 'sendTo', ''],
    ] as const) {
      const result = await createSetupLinkCommand(builder, { organizationId: org.id, ...fields });
      expect(result).toMatchObject({ ok: false, code: 'invalid_input' });
      if (result.ok) continue;
      expect(result.fieldErrors?.[field]?.join(' ')).toContain(words);
    }
    expect(await (await db()).setupLink.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it('the database refuses a link that outlives 30 days or names an unknown intent', async () => {
    const org = await createTestOrganization();
    const client = await db();
    const base = { organizationId: org.id, tokenHash: uniqueEmail('hash'), createdByEmail: builder.email, createdAt: new Date() };
    await expect(
      client.setupLink.create({ data: { ...base, intents: ['sso'], expiresAt: new Date(Date.now() + 31 * 24 * HOUR) } }),
    ).rejects.toThrow(/setup_links_expiry_check/);
    await expect(
      client.setupLink.create({ data: { ...base, intents: ['sso', 'sso'], expiresAt: new Date(Date.now() + HOUR) } }),
    ).rejects.toThrow(/setup_links_intents_check/);
    await expect(
      client.setupLink.create({ data: { ...base, intents: ['billing'], expiresAt: new Date(Date.now() + HOUR) } }),
    ).rejects.toThrow(/setup_links_intents_check/);
  });

  it('emails the link through the job queue, then forgets the sealed token', async () => {
    const org = await createTestOrganization();
    const to = uniqueEmail('it-admin', 'customer.example');
    const link = await newLink(org.id, { sendTo: to, intents: ['directory'] });
    const client = await db();
    expect(await client.setupLink.findUniqueOrThrow({ where: { id: link.linkId } })).toMatchObject({
      sentTo: to,
      deliveryStatus: 'queued',
      tokenSealed: expect.stringMatching(/^v1\./),
    });
    await runDueJobs(client, { kinds: [SETUP_LINK_EMAIL], once: true, organizationId: org.id });
    const mail = await smtp.sink.waitFor((m) => m.to.includes(to));
    expect(mail.subject).toBe(`Set up sign-in for ${org.name}`);
    expect(mail.text).toContain('directory sync');
    expect(linksIn(mail.html)).toContain(link.url);
    expect(await client.setupLink.findUniqueOrThrow({ where: { id: link.linkId } })).toMatchObject({
      deliveryStatus: 'sent',
      tokenSealed: null,
    });
  });

  it('a link revoked before its email went out is never sent', async () => {
    const org = await createTestOrganization();
    const to = uniqueEmail('late', 'customer.example');
    const link = await newLink(org.id, { sendTo: to });
    expect(await revokeSetupLinkCommand(builder, { organizationId: org.id, linkId: link.linkId })).toMatchObject({ ok: true });
    const client = await db();
    const summary = await runDueJobs(client, { kinds: [SETUP_LINK_EMAIL], once: true, organizationId: org.id });
    expect(summary.claimed).toBe(0);
    expect(await client.setupLink.findUniqueOrThrow({ where: { id: link.linkId } })).toMatchObject({
      deliveryStatus: 'failed',
      deliveryError: 'Revoked before it was sent.',
      tokenSealed: null,
    });
  });

  it('another organization’s member or builder-scoped caller can’t create or revoke this organization’s links', async () => {
    const org = await createTestOrganization();
    const other = await createTestOrganization();
    const link = await newLink(org.id);
    const outsider = await memberOf(other.id, 'owner');
    expect(await createSetupLinkCommand(outsider, { organizationId: org.id, intents: ['sso'] })).toMatchObject({ code: 'not_found' });
    expect(await revokeSetupLinkCommand(outsider, { organizationId: org.id, linkId: link.linkId })).toMatchObject({ code: 'not_found' });
    // Another organization's id with this link's id: not found, and the link stays live.
    expect(await revokeSetupLinkCommand(builder, { organizationId: other.id, linkId: link.linkId })).toMatchObject({ code: 'not_found' });
    expect((await (await db()).setupLink.findUniqueOrThrow({ where: { id: link.linkId } })).revokedAt).toBeNull();
    expect(await (await db()).setupLink.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it('a builder hands out only what they may set up themselves', async () => {
    const org = await createTestOrganization();
    const viewer = { ...builder, role: 'viewer' as const };
    expect(await createSetupLinkCommand(viewer, { organizationId: org.id, intents: ['sso'] })).toMatchObject({ code: 'forbidden' });
    expect(await (await db()).setupLink.count({ where: { organizationId: org.id } })).toBe(0);
  });
});

describe('a setup link as a principal', () => {
  it('runs what its intents allow, audited as the link with the address it was sent to', async () => {
    const org = await createTestOrganization();
    const to = uniqueEmail('it', 'customer.example');
    const link = await newLink(org.id, { sendTo: to });
    const name = uniqueDomain('setup');
    const added = await addDomainCommand(link.auth.principal, { organizationId: org.id, domain: name }, { request });
    expect(added.ok).toBe(true);
    const event = await (await db()).auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: 'domain.added' } });
    expect(event).toMatchObject({ actorKind: 'setup_link', actorId: link.linkId, actorEmail: to, ip: '203.0.113.9' });
  });

  it('is refused outside its intents: nothing destructive, nothing it wasn’t given', async () => {
    const org = await createTestOrganization();
    const link = await newLink(org.id, { intents: ['domains'] });
    const client = await db();
    const domain = await client.$transaction((tx) => addDomain(tx, org.id, uniqueDomain('keep'), { status: 'verified' }));
    const principal = link.auth.principal;
    expect(await removeDomainCommand(principal, { organizationId: org.id, domainId: domain.id })).toMatchObject({
      code: 'forbidden',
    });
    expect(await enableAutoJoinCommand(principal, { organizationId: org.id, role: 'member', approve: 'yes' })).toMatchObject({
      code: 'forbidden',
    });
    expect(
      await createSsoConnectionCommand(principal, { organizationId: org.id, name: 'Okta', provider: 'okta', protocol: 'saml' }),
    ).toMatchObject({ code: 'forbidden' });
    expect(await createDirectoryCommand(principal, { organizationId: org.id, name: 'Okta', provider: 'okta' })).toMatchObject({
      code: 'forbidden',
    });
    expect(await domainsOf(org.id)).toEqual([domain.name]);
    expect(await client.ssoConnection.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await client.directory.count({ where: { organizationId: org.id } })).toBe(0);
    // Each refusal is on the record, under the link.
    expect(await client.auditEvent.count({ where: { organizationId: org.id, action: 'command.refused', actorKind: 'setup_link' } })).toBe(
      4,
    );
  });

  it('an SSO link may configure and test, but not turn a connection on or delete it', async () => {
    const org = await createTestOrganization();
    const link = await newLink(org.id, { intents: ['sso'] });
    const created = await createSsoConnectionCommand(link.auth.principal, {
      organizationId: org.id,
      name: 'Okta',
      provider: 'okta',
      protocol: 'saml',
    });
    if (!created.ok) throw new Error(created.message);
    const ref = { organizationId: org.id, connectionId: created.data.id };
    expect(await setSsoConnectionEnabledCommand(link.auth.principal, { ...ref, enabled: 'on' })).toMatchObject({ code: 'forbidden' });
    expect(await deleteSsoConnectionCommand(link.auth.principal, { ...ref, confirmName: 'Okta' })).toMatchObject({ code: 'forbidden' });
    expect(await (await db()).ssoConnection.count({ where: { id: created.data.id } })).toBe(1);
  });

  it('is refused outside its organization: not found, and nothing changes there', async () => {
    const org = await createTestOrganization();
    const other = await createTestOrganization();
    const link = await newLink(org.id, { intents: ['domains', 'sso', 'directory'] });
    const client = await db();
    const theirs = await client.$transaction((tx) => addDomain(tx, other.id, uniqueDomain('theirs'), { status: 'pending' }));
    const principal = link.auth.principal;
    expect(await addDomainCommand(principal, { organizationId: other.id, domain: uniqueDomain('x') })).toMatchObject({ code: 'not_found' });
    expect(await verifyDomainCommand(principal, { organizationId: other.id, domainId: theirs.id })).toMatchObject({ code: 'not_found' });
    // This organization's id with the other's domain: still not found.
    expect(await verifyDomainCommand(principal, { organizationId: org.id, domainId: theirs.id })).toMatchObject({ code: 'not_found' });
    expect(await createDirectoryCommand(principal, { organizationId: other.id, name: 'D', provider: 'okta' })).toMatchObject({
      code: 'not_found',
    });
    expect(await domainsOf(other.id)).toEqual([theirs.name]);
    expect((await client.domain.findUniqueOrThrow({ where: { id: theirs.id } })).lastCheckedAt).toBeNull();
    expect(await client.directory.count({ where: { organizationId: other.id } })).toBe(0);
  });

  it('is refused once expired, and once revoked, even with the principal already in hand', async () => {
    const org = await createTestOrganization();
    const link = await newLink(org.id, { expiresInHours: '1' });
    const later = new Date(Date.now() + 2 * HOUR);
    const client = await db();
    expect(await authenticateSetupLink(client, link.token, later)).toMatchObject({ ok: false, code: 'setup_link_expired' });
    expect(
      await addDomainCommand(link.auth.principal, { organizationId: org.id, domain: uniqueDomain('late') }, { now: later }),
    ).toMatchObject({ ok: false, code: 'setup_link_expired' });

    expect(await revokeSetupLinkCommand(builder, { organizationId: org.id, linkId: link.linkId })).toMatchObject({
      ok: true,
      data: { revoked: true },
    });
    expect(await authenticateSetupLink(client, link.token, new Date())).toMatchObject({ ok: false, code: 'setup_link_revoked' });
    expect(await addDomainCommand(link.auth.principal, { organizationId: org.id, domain: uniqueDomain('gone') })).toMatchObject({
      ok: false,
      code: 'setup_link_revoked',
    });
    expect(await domainsOf(org.id)).toEqual([]);
    // Revoking again changes nothing and writes no second event.
    expect(await revokeSetupLinkCommand(builder, { organizationId: org.id, linkId: link.linkId })).toMatchObject({
      ok: true,
      data: { revoked: false },
    });
    expect(await client.auditEvent.count({ where: { organizationId: org.id, action: 'setup_link.revoked' } })).toBe(1);
    expect(await authenticateSetupLink(client, 'setup_not-a-token', new Date())).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('what the builder sees of a link', () => {
  it('opened once a browser shows it, then the domain verified through the test DNS server', async () => {
    const org = await createTestOrganization();
    const link = await newLink(org.id, { intents: ['domains'] });
    const client = await db();
    const now = new Date();
    await recordSetupLinkOpened(client, link.auth as AuthenticatedSetupLink, now, request);
    await recordSetupLinkOpened(client, link.auth, new Date(now.getTime() + 1000), request);
    const opened = await client.setupLink.findUniqueOrThrow({ where: { id: link.linkId } });
    expect(opened.openedAt).toEqual(now);
    expect(opened.lastOpenedAt).toEqual(now);
    expect(await client.auditEvent.count({ where: { organizationId: org.id, action: 'setup_link.opened' } })).toBe(1);

    const name = uniqueDomain('verify');
    const added = await addDomainCommand(link.auth.principal, { organizationId: org.id, domain: name });
    if (!added.ok) throw new Error(added.message);
    let [row] = (await setupLinksOf(client, org.id, new Date())).rows;
    expect(row!.progress).toEqual([
      { intent: 'domains', complete: false, reached: expect.objectContaining({ label: 'Domain added', target: name }) },
    ]);

    const domain = await client.domain.findUniqueOrThrow({ where: { id: added.data.id } });
    const record = verificationRecord(domain.name, domain.verificationToken!);
    dns.set(record.name, { txt: [record.value] });
    const verified = await verifyDomainCommand(link.auth.principal, { organizationId: org.id, domainId: domain.id });
    expect(verified).toMatchObject({ ok: true, data: { status: 'verified' } });
    [row] = (await setupLinksOf(client, org.id, new Date())).rows;
    expect(row).toMatchObject({ status: 'active', openedAt: now });
    expect(row!.progress[0]).toMatchObject({ complete: true, reached: { label: 'Domain verified', target: name } });
  });

  it('a test sign-in started by the link answers the link, and its pass is the link’s milestone', async () => {
    const org = await createTestOrganization();
    const to = uniqueEmail('idp-admin', 'customer.example');
    const link = await newLink(org.id, { intents: ['sso'], sendTo: to });
    const client = await db();
    const domain = await client.$transaction((tx) => addDomain(tx, org.id, uniqueDomain('sso'), { status: 'verified' }));
    const principal = link.auth.principal;
    const created = await createSsoConnectionCommand(principal, {
      organizationId: org.id,
      name: 'Okta',
      provider: 'okta',
      protocol: 'saml',
    });
    if (!created.ok) throw new Error(created.message);
    const entity = 'http://www.okta.com/exk-setup-link';
    const configured = await configureSamlConnectionCommand(principal, {
      organizationId: org.id,
      connectionId: created.data.id,
      name: 'Okta',
      idpEntityId: entity,
      idpSsoUrl: 'https://customer.okta.example/sso',
      certificates: [IDP_CERTIFICATE_PEM],
      emailAttribute: 'email',
      firstNameAttribute: 'firstName',
      lastNameAttribute: 'lastName',
      groupsAttribute: 'groups',
      domainIds: [domain.id],
    });
    expect(configured.ok).toBe(true);
    const started = await startSsoTestCommand(principal, { organizationId: org.id, connectionId: created.data.id });
    if (!started.ok) throw new Error(started.message);
    const stored = await client.ssoRequest.findFirstOrThrow({ where: { connectionId: created.data.id } });
    // The stored request names the link, never its token.
    expect(stored.returnTo).toBe(`setup-link:${link.linkId}`);
    const sp = serviceProviderValues(getConfig().appUrl, created.data.id);
    const response = await testSamlResponse({
      issuer: entity,
      acsUrl: sp.acsUrl,
      audience: sp.entityId,
      inResponseTo: stored.id,
      nameId: 'tess@customer.example',
      attributes: { email: ['tess@customer.example'] },
    });
    const outcome = await completeSamlSignIn(client, created.data.id, response, 'test', new Date(), request);
    expect(outcome).toMatchObject({ kind: 'test', setupLinkId: link.linkId });
    const event = await client.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: 'setup_link.sso_tested' } });
    expect(event).toMatchObject({ actorKind: 'setup_link', actorId: link.linkId, actorEmail: to, targetId: created.data.id });
    const [row] = (await setupLinksOf(client, org.id, new Date())).rows;
    expect(row!.progress[0]).toMatchObject({ intent: 'sso', complete: true, reached: { label: 'Test sign-in passed', target: 'Okta' } });
    // A builder's own test still answers the console.
    const own = await startSsoTestCommand(builder, { organizationId: org.id, connectionId: created.data.id });
    expect(own.ok).toBe(true);
    const ownRequest = await client.ssoRequest.findFirstOrThrow({ where: { connectionId: created.data.id } });
    expect(ownRequest.returnTo).toBeNull();
  });

  it('a directory link creates the directory once and may rotate its token, but not delete it', async () => {
    const org = await createTestOrganization();
    const link = await newLink(org.id, { intents: ['directory'] });
    const created = await createDirectoryCommand(link.auth.principal, {
      organizationId: org.id,
      name: 'Okta provisioning',
      provider: 'okta',
    });
    if (!created.ok) throw new Error(created.message);
    expect(created.data.token).toMatch(/^scim_/);
    expect(
      await deleteDirectoryCommand(link.auth.principal, {
        organizationId: org.id,
        directoryId: created.data.directoryId,
        confirmName: 'Okta provisioning',
      }),
    ).toMatchObject({ code: 'forbidden' });
    const [row] = (await setupLinksOf(await db(), org.id, new Date())).rows;
    expect(row!.progress[0]).toMatchObject({ complete: true, reached: { label: 'Directory created' } });
  });
});
