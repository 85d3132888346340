import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { addMember } from '@/lib/demo/records';
import { autoJoinOnSignIn } from '@/lib/domains/auto-join';
import { checkDomain, runDueDomainChecks } from '@/lib/domains/checker';
import {
  addDomainCommand,
  disableAutoJoinCommand,
  enableAutoJoinCommand,
  includeSubdomainsCommand,
  removeDomainCommand,
  verifyDomainCommand,
} from '@/lib/domains/commands';
import { lookupTxt } from '@/lib/domains/dns';
import { addDomain, enableAutoJoin, verifyDomainNow } from '@/lib/domains/mutations';
import { verificationRecord } from '@/lib/domains/normalize';
import { at, builder, createTestOrganization, form, uniqueSlug } from '../factories';
import { DAY, HOUR, testClock } from '../support/clock';
import { startDnsServer } from '../support/dns-server';

let dns: Awaited<ReturnType<typeof startDnsServer>>;
const lookup = (name: string) => lookupTxt(name, [dns.server]);

beforeAll(async () => {
  dns = await startDnsServer();
});
afterAll(async () => {
  await dns.close();
});

const uniqueDomain = () => `${uniqueSlug('corp')}.example.com`;

async function addTo(organizationId: string, name = uniqueDomain(), now = new Date()) {
  const result = await addDomain(await db(), at(now), { organizationId, domain: name });
  if (!result.ok) throw new Error(result.message);
  return (await db()).domain.findUniqueOrThrow({ where: { id: result.data.id } });
}

function publish(domain: { name: string; verificationToken: string | null }, extra: (string | string[])[] = []) {
  const record = verificationRecord(domain.name, domain.verificationToken!);
  dns.set(record.name, { txt: [...extra, record.value] });
  return record;
}

async function reload(id: string) {
  return (await db()).domain.findUniqueOrThrow({ where: { id } });
}

describe('TXT lookups against a real DNS server on loopback', () => {
  it('joins a value split into several strings, and returns every record on a name', async () => {
    const name = `_orgdesk-verification.${uniqueDomain()}`;
    dns.set(name, { txt: [['orgdesk-verification=', 'abc', 'def'], 'v=spf1 -all'] });
    expect(await lookup(name)).toEqual({ kind: 'records', values: ['orgdesk-verification=abcdef', 'v=spf1 -all'] });
  });
  it('tells NXDOMAIN, no TXT data, SERVFAIL and a timeout apart', async () => {
    const base = uniqueDomain();
    dns.set(`empty.${base}`, { empty: true });
    dns.set(`fail.${base}`, { servfail: true });
    dns.set(`slow.${base}`, { timeout: true });
    expect(await lookup(`missing.${base}`)).toEqual({ kind: 'nxdomain' });
    expect(await lookup(`empty.${base}`)).toEqual({ kind: 'nodata' });
    expect(await lookup(`fail.${base}`)).toMatchObject({ kind: 'temporary', reason: 'the DNS server failed to answer' });
    expect(await lookup(`slow.${base}`)).toMatchObject({ kind: 'temporary', reason: 'the DNS server did not answer in time' });
  });
});

describe('verification', () => {
  it('a present record verifies the domain, with the time', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const domain = await addTo(org.id, undefined, clock.now());
    publish(domain, ['unrelated=1']);
    const result = await verifyDomainNow(await db(), at(clock.now()), { organizationId: org.id, domainId: domain.id }, lookup);
    expect(result).toMatchObject({ ok: true, data: { status: 'verified' } });
    expect(await reload(domain.id)).toMatchObject({
      status: 'verified',
      verifiedAt: clock.now(),
      nextCheckAt: new Date(clock.now().getTime() + DAY),
    });
    expect((await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).verifiedDomainCount).toBe(1);
  });

  it('a wrong value or no record leaves it pending and shows what was found', async () => {
    const org = await createTestOrganization();
    const domain = await addTo(org.id);
    const record = verificationRecord(domain.name, domain.verificationToken!);
    dns.set(record.name, { txt: ['orgdesk-verification=someone-elses-token'] });
    await checkDomain(await db(), domain.id, new Date(), lookup);
    expect(await reload(domain.id)).toMatchObject({ status: 'pending' });
    expect((await reload(domain.id)).lastCheckResult).toContain('“orgdesk-verification=someone-elses-token”');
    dns.remove(record.name);
    await checkDomain(await db(), domain.id, new Date(), lookup);
    expect((await reload(domain.id)).lastCheckResult).toBe('No record found: the name doesn’t exist in DNS yet.');
  });

  it('SERVFAIL or a timeout is a temporary error that never fails a domain, even past 7 days', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const domain = await addTo(org.id, undefined, clock.now());
    dns.set(verificationRecord(domain.name, domain.verificationToken!).name, { servfail: true });
    await checkDomain(await db(), domain.id, clock.advance(8 * DAY), lookup);
    expect(await reload(domain.id)).toMatchObject({ status: 'pending' });
    expect((await reload(domain.id)).lastCheckResult).toContain('Temporary DNS error');
  });

  it('a pending domain that has not verified after 7 days fails; the background checker does it', async () => {
    const clock = testClock();
    const org = await createTestOrganization();
    const domain = await addTo(org.id, undefined, clock.now());
    await runDueDomainChecks(await db(), clock.advance(HOUR), lookup, 1000);
    expect(await reload(domain.id)).toMatchObject({ status: 'pending', checkAttempts: 1 });
    await (await db()).domain.update({ where: { id: domain.id }, data: { nextCheckAt: clock.advance(7 * DAY) } });
    await runDueDomainChecks(await db(), clock.now(), lookup, 1000);
    expect(await reload(domain.id)).toMatchObject({ status: 'failed', nextCheckAt: null });
  });

  it('re-verification: when the record goes, the domain is unverified at once, auto-join stops and the org needs attention', async () => {
    const clock = testClock();
    const org = await createTestOrganization({ build: (tx, id) => addMember(tx, id, `${uniqueSlug('o')}@x.example`, { role: 'owner' }) });
    const domain = await addTo(org.id, undefined, clock.now());
    const record = publish(domain);
    await checkDomain(await db(), domain.id, clock.now(), lookup);
    expect((await enableAutoJoin(await db(), at(clock.now()), { organizationId: org.id, role: 'member', approve: 'yes' })).ok).toBe(true);
    expect((await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).state).toBe('ready');
    dns.remove(record.name);
    await runDueDomainChecks(await db(), clock.advance(DAY + HOUR), lookup, 1000);
    expect(await reload(domain.id)).toMatchObject({ status: 'pending' });
    const stored = await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(stored.state).toBe('needs_attention');
    expect(stored.stateReasons).toEqual([{ code: 'domain_unverified', domain: domain.name, status: 'pending', dependents: ['auto_join'] }]);
    const person = await (await db()).user.create({ data: { email: `late@${domain.name}`, emailVerified: clock.now() } });
    expect(await autoJoinOnSignIn(await db(), person.id, clock.now())).toEqual([]);
  });

  it('one owner: another organization can add a verified domain but not verify it; an unverified claim blocks nobody', async () => {
    const name = uniqueDomain();
    const squatter = await createTestOrganization();
    const owner = await createTestOrganization();
    const late = await createTestOrganization();
    await addTo(squatter.id, name);
    const owned = await addTo(owner.id, name);
    publish(owned);
    await checkDomain(await db(), owned.id, new Date(), lookup);
    expect(await reload(owned.id)).toMatchObject({ status: 'verified' });
    const lateDomain = await addTo(late.id, name);
    const both = verificationRecord(name, owned.verificationToken!);
    dns.set(both.name, { txt: [both.value, verificationRecord(name, lateDomain.verificationToken!).value] });
    await checkDomain(await db(), lateDomain.id, new Date(), lookup);
    expect(await reload(lateDomain.id)).toMatchObject({ status: 'pending' });
    expect((await reload(lateDomain.id)).lastCheckResult).toContain('is verified by another organization');
  });
});

describe('adding a domain', () => {
  const tag = uniqueSlug('acme');
  it.each([
    [`  ${tag.toUpperCase()}.Example.COM. `, true, `${tag}.example.com`],
    ['bücher.example', true, 'xn--bcher-kva.example'],
    ['https://www.acme.example/path', false, 'That is a web address, not a domain. Keep just “www.acme.example”?'],
    ['ops@acme.example', false, 'That is an email address, not a domain. Keep just “acme.example”?'],
    ['10.0.0.1', false, 'IP addresses can’t be verified as an organization’s domain. Enter a domain name.'],
    ['localhost', false, 'Enter a full domain with a dot, like acme.com, not a single name.'],
    ['co.uk', false, 'co.uk is a public suffix shared by many owners (like co.uk or github.io). Enter your own domain under it.'],
    ['github.io', false, 'github.io is a public suffix shared by many owners (like co.uk or github.io). Enter your own domain under it.'],
    ['gmail.com', false, 'gmail.com is a consumer mail domain: anyone can get an address there. Use the organization’s own domain.'],
  ])('%j', async (input, accepted, expected) => {
    const org = await createTestOrganization();
    const result = await addDomainCommand(builder, form({ organizationId: org.id, domain: input }));
    if (accepted) {
      expect(result.ok).toBe(true);
      const stored = await (await db()).domain.findFirstOrThrow({ where: { organizationId: org.id } });
      expect(stored.name).toBe(expected);
      if (input.startsWith('bücher')) expect(stored.displayName).toBe('bücher.example');
    } else {
      expect(result).toMatchObject({ ok: false, fieldErrors: { domain: [expected] } });
      expect(await (await db()).domain.count({ where: { organizationId: org.id } })).toBe(0);
    }
  });

  it('the same domain twice on one organization is refused clearly', async () => {
    const org = await createTestOrganization();
    const name = uniqueDomain();
    await addTo(org.id, name);
    expect(await addDomainCommand(builder, form({ organizationId: org.id, domain: name.toUpperCase() }))).toMatchObject({
      ok: false,
      code: 'already_added',
    });
  });
});

describe('auto-join', () => {
  async function verifiedOrganization(options: { includeSubdomains?: boolean } = {}) {
    const org = await createTestOrganization({ build: (tx, id) => addMember(tx, id, `${uniqueSlug('o')}@x.example`, { role: 'owner' }) });
    const domain = await addTo(org.id);
    publish(domain);
    await checkDomain(await db(), domain.id, new Date(), lookup);
    if (options.includeSubdomains) await (await db()).domain.update({ where: { id: domain.id }, data: { includeSubdomains: true } });
    return { org, domain };
  }

  it('is off by default and refuses to turn on without a verified domain or an approval', async () => {
    const org = await createTestOrganization();
    expect(org.autoJoinEnabled).toBe(false);
    await addTo(org.id);
    expect(await enableAutoJoinCommand(builder, form({ organizationId: org.id, role: 'member', approve: 'yes' }))).toMatchObject({
      ok: false,
      code: 'no_verified_domain',
    });
    const { org: verified } = await verifiedOrganization();
    const unapproved = await enableAutoJoinCommand(builder, form({ organizationId: verified.id, role: 'member' }));
    expect(unapproved).toMatchObject({ ok: false, fieldErrors: { approve: ['Approve the access model to turn auto-join on.'] } });
    expect((await (await db()).organization.findUniqueOrThrow({ where: { id: verified.id } })).autoJoinEnabled).toBe(false);
  });

  it('records who approved, when and the role; a verified address at the domain joins with it, as end-user activity', async () => {
    const { org, domain } = await verifiedOrganization();
    expect((await enableAutoJoinCommand(builder, form({ organizationId: org.id, role: 'admin', approve: 'yes' }))).ok).toBe(true);
    expect(await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      autoJoinEnabled: true,
      autoJoinRole: 'admin',
      autoJoinApprovedBy: builder.email,
    });
    await (await db()).organization.update({ where: { id: org.id }, data: { autoJoinRole: 'member' } });
    const person = await (await db()).user.create({ data: { email: `new.hire@${domain.name}`, emailVerified: new Date() } });
    expect(await autoJoinOnSignIn(await db(), person.id, new Date())).toEqual([org.id]);
    const membership = await (await db()).membership.findFirstOrThrow({ where: { organizationId: org.id, userId: person.id } });
    expect(membership.role).toBe('member');
    expect(await (await db()).endUserActivity.count({ where: { organizationId: org.id, kind: 'auto_join' } })).toBe(1);
    expect((await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).state).toBe('active');
    expect(await autoJoinOnSignIn(await db(), person.id, new Date())).toEqual([]);
  });

  it('refuses label tricks, subdomains unless included, and unverified emails', async () => {
    const { org, domain } = await verifiedOrganization();
    await enableAutoJoin(await db(), at(new Date()), { organizationId: org.id, role: 'member', approve: 'yes' });
    const tries = [`x@not${domain.name}`, `x@${domain.name}.evil.io`, `x@eu.${domain.name}`];
    for (const email of tries) {
      const user = await (await db()).user.create({ data: { email, emailVerified: new Date() } });
      expect(await autoJoinOnSignIn(await db(), user.id, new Date()), email).toEqual([]);
    }
    const unverified = await (await db()).user.create({ data: { email: `unverified@${domain.name}`, emailVerified: null } });
    expect(await autoJoinOnSignIn(await db(), unverified.id, new Date())).toEqual([]);
    await includeSubdomainsCommand(builder, form({ organizationId: org.id, domainId: domain.id, includeSubdomains: 'on' }));
    const sub = await (await db()).user.findUniqueOrThrow({ where: { email: `x@eu.${domain.name}` } });
    expect(await autoJoinOnSignIn(await db(), sub.id, new Date())).toEqual([org.id]);
  });

  it('stops when auto-join is turned off, or when the last verified domain is removed', async () => {
    const { org, domain } = await verifiedOrganization();
    await enableAutoJoin(await db(), at(new Date()), { organizationId: org.id, role: 'member', approve: 'yes' });
    await disableAutoJoinCommand(builder, form({ organizationId: org.id }));
    const a = await (await db()).user.create({ data: { email: `a@${domain.name}`, emailVerified: new Date() } });
    expect(await autoJoinOnSignIn(await db(), a.id, new Date())).toEqual([]);
    expect((await reload(domain.id)).dependents).toEqual([]);
    await enableAutoJoin(await db(), at(new Date()), { organizationId: org.id, role: 'member', approve: 'yes' });
    expect(await removeDomainCommand(builder, form({ organizationId: org.id, domainId: domain.id }))).toMatchObject({
      ok: true,
      data: { autoJoinTurnedOff: true },
    });
    expect((await (await db()).organization.findUniqueOrThrow({ where: { id: org.id } })).autoJoinEnabled).toBe(false);
  });
});

describe('every domain action is scoped to its organization', () => {
  it.each([
    ['verify now', verifyDomainCommand, {}],
    ['remove', removeDomainCommand, {}],
    ['include subdomains', includeSubdomainsCommand, { includeSubdomains: 'on' }],
  ] as const)('%s on another organization’s domain answers not found and changes nothing', async (_name, command, extra) => {
    const mine = await createTestOrganization();
    const theirs = await createTestOrganization();
    const domain = await addTo(theirs.id);
    const result = await command(builder, form({ organizationId: mine.id, domainId: domain.id, ...extra }));
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
    expect(await reload(domain.id)).toEqual(domain);
  });

  it.each([
    ['add', (id: string) => addDomainCommand(null, form({ organizationId: id, domain: uniqueDomain() }))],
    ['enable auto-join', (id: string) => enableAutoJoinCommand(null, form({ organizationId: id, approve: 'yes' }))],
    ['disable auto-join', (id: string) => disableAutoJoinCommand(null, form({ organizationId: id }))],
  ] as const)('%s without a builder session is refused and writes nothing', async (_name, run) => {
    const org = await createTestOrganization();
    expect(await run(org.id)).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await (await db()).domain.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('adding to or enabling auto-join on an unknown organization is not found', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await addDomainCommand(builder, form({ organizationId: missing, domain: uniqueDomain() }))).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await enableAutoJoinCommand(builder, form({ organizationId: missing, approve: 'yes' }))).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });
});
