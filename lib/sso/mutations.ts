import { recordAudit } from '@/lib/audit/record';
import { type CommandContext, contextFor } from '@/lib/commands/define';
import { systemPrincipal } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import { seal } from '@/lib/crypto/sealed';
import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { fetchOutbound } from '@/lib/http/outbound';
import { lockOrganization, recomputeOrganizationState } from '@/lib/organizations/recompute';
import { fail, notFound, ok, type Result } from '@/lib/result';
import { setupLinkReturnTo } from '@/lib/setup-links/sso-test';
import { type ParsedCertificate, parseCertificate } from './certificates';
import { startSsoSignIn } from './flow';
import { type IdpMetadata, MAX_METADATA_BYTES, parseIdpMetadata } from './metadata';
import { fetchDiscovery } from './oidc';
import { type AttributeMapping, defaultAttributeMapping, type SsoProviderKey } from './providers';
import { missingForEnable } from './rules';
import type {
  ConfigureOidcInput,
  ConfigureSamlInput,
  ConnectionRefInput,
  CreateSsoConnectionInput,
  DeleteSsoConnectionInput,
  ImportSamlMetadataInput,
  SetSsoEnabledInput,
  SetSsoRequirementInput,
} from './schemas';

const target = (connection: { id: string; name: string }) => ({ type: 'sso_connection', id: connection.id, label: connection.name });

/** A connection of the organization, under its lock; another organization's id is "not found". */
async function findScoped(tx: Tx, input: ConnectionRefInput) {
  if (!(await lockOrganization(tx, input.organizationId))) return null;
  return tx.ssoConnection.findFirst({
    where: { id: input.connectionId, organizationId: input.organizationId },
    include: { certificates: { select: { fingerprint: true } }, domains: { select: { domainId: true } } },
  });
}

/** The domains a connection may apply to: the organization's own, verified. A field error otherwise. */
async function checkDomains(tx: Tx, organizationId: string, domainIds: readonly string[]) {
  const ids = [...new Set(domainIds)];
  const domains = await tx.domain.findMany({ where: { id: { in: ids }, organizationId }, select: { id: true, name: true, status: true } });
  if (domains.length !== ids.length) return { failure: domainFailure('Choose among this organization’s domains.') };
  const unverified = domains.filter((domain) => domain.status !== 'verified').map((domain) => domain.name);
  if (unverified.length) {
    return {
      failure: domainFailure(
        `${unverified.join(', ')} ${unverified.length === 1 ? 'isn’t' : 'aren’t'} verified: SSO applies only to verified domains. Verify ${unverified.length === 1 ? 'it' : 'them'} on the Domains page first.`,
      ),
    };
  }
  return { domains };
}

function domainFailure(message: string) {
  return fail('invalid_input', message, { fieldErrors: { domainIds: [message] } });
}

function mappingOf(input: Pick<ConfigureSamlInput, 'emailAttribute' | 'firstNameAttribute' | 'lastNameAttribute' | 'groupsAttribute'>) {
  return {
    email: input.emailAttribute,
    firstName: input.firstNameAttribute,
    lastName: input.lastNameAttribute,
    groups: input.groupsAttribute,
  } satisfies AttributeMapping;
}

async function replaceDomains(tx: Tx, connection: { id: string; organizationId: string }, domainIds: readonly string[]) {
  await tx.ssoConnectionDomain.deleteMany({ where: { connectionId: connection.id } });
  if (domainIds.length) {
    await tx.ssoConnectionDomain.createMany({
      data: [...new Set(domainIds)].map((domainId) => ({
        connectionId: connection.id,
        domainId,
        organizationId: connection.organizationId,
      })),
    });
  }
}

/**
 * The end of every configuration change: the domains, the protocol's settings with the name and
 * attribute names, the time it changed, and its audit event written with the state recompute.
 */
async function saveConfiguration(
  tx: Tx,
  context: CommandContext,
  connection: { id: string; organizationId: string },
  input: ConfigureSamlInput | ConfigureOidcInput,
  settings: Prisma.SsoConnectionUpdateInput,
  summary: Record<string, unknown>,
) {
  await replaceDomains(tx, connection, input.domainIds);
  await tx.ssoConnection.update({
    where: { id: connection.id },
    data: { ...settings, name: input.name, attributeMapping: mappingOf(input), configuredAt: context.now },
  });
  await recomputeOrganizationState(tx, input.organizationId, context.now, context, [
    {
      organizationId: input.organizationId,
      action: 'sso.connection_configured',
      target: target({ id: connection.id, name: input.name }),
      summary,
    },
  ]);
}

/** A new connection, disabled, with its provider's usual attribute names filled in. */
export async function createSsoConnection(
  client: Db,
  context: CommandContext,
  input: CreateSsoConnectionInput,
): Promise<Result<{ id: string }>> {
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const connection = await tx.ssoConnection.create({
      data: {
        organizationId: input.organizationId,
        name: input.name,
        provider: input.provider,
        protocol: input.protocol,
        attributeMapping: (defaultAttributeMapping(input.provider as SsoProviderKey, input.protocol) ?? {}) as object,
        configuredAt: context.now,
      },
    });
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'sso.connection_created',
      target: target(connection),
      summary: { provider: input.provider, protocol: input.protocol },
    });
    return ok({ id: connection.id });
  });
}

/**
 * Makes the connection's signing certificates exactly `wanted`, keeping those already stored;
 * returns the fingerprints added and removed, for the audit log.
 */
async function replaceCertificates(
  tx: Tx,
  connection: { id: string; certificates: { fingerprint: string }[] },
  wanted: readonly ParsedCertificate[],
) {
  const before = new Set(connection.certificates.map((c) => c.fingerprint));
  const after = new Set(wanted.map((c) => c.fingerprint));
  await tx.ssoCertificate.deleteMany({ where: { connectionId: connection.id, fingerprint: { notIn: [...after] } } });
  const added = wanted.filter((c) => !before.has(c.fingerprint));
  if (added.length) {
    await tx.ssoCertificate.createMany({
      data: added.map((c) => ({
        connectionId: connection.id,
        pem: c.pem,
        fingerprint: c.fingerprint,
        notBefore: c.notBefore,
        notAfter: c.notAfter,
      })),
    });
  }
  return { added: added.map((c) => c.fingerprint), removed: [...before].filter((f) => !after.has(f)) };
}

/** Reads each pasted certificate; field errors name the one at fault. Duplicates count once. */
function readCertificates(pasted: readonly string[]): Result<ParsedCertificate[]> {
  const certificates: ParsedCertificate[] = [];
  const errors: string[] = [];
  for (const [index, text] of pasted.entries()) {
    if (!text.trim()) continue;
    const parsed = parseCertificate(text);
    if (!parsed.ok) errors.push(`Certificate ${index + 1}: ${parsed.fieldErrors?.certificate?.[0] ?? parsed.message}`);
    else if (!certificates.some((c) => c.fingerprint === parsed.data.fingerprint)) certificates.push(parsed.data);
  }
  if (errors.length) return fail('invalid_input', errors[0], { fieldErrors: { certificates: errors } });
  if (!certificates.length) {
    const message = 'Paste the identity provider’s signing certificate.';
    return fail('invalid_input', message, { fieldErrors: { certificates: [message] } });
  }
  return ok(certificates);
}

/**
 * Saves a SAML connection's identity provider (entity ID, SSO URL, signing certificates), its
 * options, attribute names and domains, all or nothing. Certificates are replaced by the pasted set.
 */
export async function configureSamlConnection(client: Db, context: CommandContext, input: ConfigureSamlInput): Promise<Result<null>> {
  const certificates = readCertificates(input.certificates);
  if (!certificates.ok) return certificates;
  return client.$transaction(async (tx) => {
    const connection = await findScoped(tx, input);
    if (!connection) return notFound();
    if (connection.protocol !== 'saml') return fail('wrong_protocol', 'This is an OpenID Connect connection: it has no SAML settings.');
    const domains = await checkDomains(tx, input.organizationId, input.domainIds);
    if (domains.failure) return domains.failure;
    const certificateChange = await replaceCertificates(tx, connection, certificates.data);
    await saveConfiguration(
      tx,
      context,
      connection,
      input,
      {
        idpEntityId: input.idpEntityId,
        idpSsoUrl: input.idpSsoUrl,
        signedPart: input.signedPart,
        allowSha1: input.allowSha1,
        idpInitiated: input.idpInitiated,
        clockSkewSeconds: input.clockSkewSeconds,
      },
      {
        idpEntityId: input.idpEntityId,
        certificates: certificateChange,
        domains: (domains.domains ?? []).map((d) => d.name),
        ...(input.allowSha1 ? { allowSha1: true } : {}),
        ...(input.idpInitiated ? { idpInitiated: true } : {}),
      },
    );
    return ok(null);
  });
}

/** Reads metadata from its address (through the outbound guard) or from the pasted XML; field errors name the source. */
async function readMetadata(input: ImportSamlMetadataInput, now: Date): Promise<Result<IdpMetadata>> {
  const field = input.metadataUrl ? 'metadataUrl' : 'metadataXml';
  let xml = input.metadataXml;
  if (input.metadataUrl) {
    const fetched = await fetchOutbound(input.metadataUrl, {
      allowOrigins: getConfig().outboundAllowOrigins,
      maxBytes: MAX_METADATA_BYTES,
    });
    if (!fetched.ok) return { ...fetched, fieldErrors: { metadataUrl: [fetched.message] }, values: { metadataUrl: input.metadataUrl } };
    xml = fetched.data.body;
  }
  const parsed = parseIdpMetadata(xml, now);
  if (!parsed.ok) {
    const message = parsed.fieldErrors?.metadata?.[0] ?? parsed.message;
    return fail('invalid_input', message, { fieldErrors: { [field]: [message] }, values: { metadataUrl: input.metadataUrl } });
  }
  return parsed;
}

/**
 * Writes what metadata says (entity ID, SSO URL, certificates) onto the connection, as a change
 * to its configuration, with its audit event (what changed) written with the state recompute.
 */
async function applyMetadata(
  tx: Tx,
  context: CommandContext,
  connection: {
    id: string;
    name: string;
    organizationId: string;
    idpEntityId: string | null;
    idpSsoUrl: string | null;
    certificates: { fingerprint: string }[];
  },
  metadata: IdpMetadata,
  action: 'sso.metadata_imported' | 'sso.metadata_changed',
  extra: { idpMetadataUrl?: string | null; [key: string]: unknown },
) {
  const { idpMetadataUrl, ...summary } = extra;
  const certificateChange = await replaceCertificates(tx, connection, metadata.certificates);
  await tx.ssoConnection.update({
    where: { id: connection.id },
    data: {
      idpEntityId: metadata.entityId,
      idpSsoUrl: metadata.ssoUrl,
      ...(idpMetadataUrl !== undefined ? { idpMetadataUrl } : {}),
      idpMetadataFetchedAt: context.now,
      configuredAt: context.now,
    },
  });
  await recomputeOrganizationState(tx, connection.organizationId, context.now, context, [
    {
      organizationId: connection.organizationId,
      action,
      target: target(connection),
      summary: {
        ...summary,
        idpEntityId: { before: connection.idpEntityId, after: metadata.entityId },
        idpSsoUrl: { before: connection.idpSsoUrl, after: metadata.ssoUrl },
        certificates: certificateChange,
      },
    },
  ]);
}

/**
 * Takes a SAML connection's identity provider settings from its metadata: entity ID, SSO URL and
 * signing certificates. A metadata URL is kept, for the daily refresh; pasted XML clears it.
 */
export async function importSamlMetadata(
  client: Db,
  context: CommandContext,
  input: ImportSamlMetadataInput,
): Promise<Result<{ entityId: string; ssoUrl: string; certificates: number }>> {
  // Fetched before the transaction: no lock is held across the network.
  const metadata = await readMetadata(input, context.now);
  if (!metadata.ok) return metadata;
  return client.$transaction(async (tx) => {
    const connection = await findScoped(tx, input);
    if (!connection) return notFound();
    if (connection.protocol !== 'saml') return fail('wrong_protocol', 'This is an OpenID Connect connection: it has no SAML metadata.');
    await applyMetadata(tx, context, connection, metadata.data, 'sso.metadata_imported', {
      idpMetadataUrl: input.metadataUrl || null,
      source: input.metadataUrl ? 'url' : 'xml',
      ...(input.metadataUrl ? { metadataUrl: input.metadataUrl } : {}),
    });
    return ok({ entityId: metadata.data.entityId, ssoUrl: metadata.data.ssoUrl, certificates: metadata.data.certificates.length });
  });
}

/** Entra's multi-tenant issuers accept any tenant's users: never an organization's connection. */
const MULTI_TENANT_ISSUER = /^https:\/\/login\.microsoftonline\.com\/(common|organizations|consumers)(\/|$)/i;

/** Saves an OIDC connection's issuer, client, secret (sealed; blank keeps it), attribute names and domains. */
export async function configureOidcConnection(
  client: Db,
  context: CommandContext,
  input: ConfigureOidcInput,
): Promise<Result<{ discovery: 'fetched' | 'failed'; message: string }>> {
  if (MULTI_TENANT_ISSUER.test(input.issuer)) {
    const message =
      'That is Entra’s multi-tenant issuer, which accepts every tenant’s users. Use your tenant’s issuer: https://login.microsoftonline.com/<tenant id>/v2.0.';
    return fail('invalid_input', message, { fieldErrors: { issuer: [message] } });
  }
  // Discovery is read before the transaction (no lock across the network). The settings are saved
  // either way; a connection can't be enabled until its discovery has been read.
  const discovery = await fetchDiscovery(input.issuer.replace(/\/+$/, ''), getConfig().outboundAllowOrigins);
  return client.$transaction(async (tx) => {
    const connection = await findScoped(tx, input);
    if (!connection) return notFound();
    if (connection.protocol !== 'oidc') return fail('wrong_protocol', 'This is a SAML connection: it has no OpenID Connect settings.');
    const secret = input.clientSecret.trim();
    const issuer = input.issuer.replace(/\/+$/, '');
    if (!secret && !connection.clientSecretSealed) {
      const message = 'Enter the client secret.';
      return fail('invalid_input', message, { fieldErrors: { clientSecret: [message] } });
    }
    const domains = await checkDomains(tx, input.organizationId, input.domainIds);
    if (domains.failure) return domains.failure;
    await saveConfiguration(
      tx,
      context,
      connection,
      input,
      {
        issuer,
        clientId: input.clientId,
        ...(secret ? { clientSecretSealed: seal(secret, getConfig().authSecret, 'ssoSecret') } : {}),
        ...(discovery.ok
          ? { discovery: discovery.data as Prisma.InputJsonValue, discoveryFetchedAt: context.now, jwksCache: Prisma.DbNull }
          : connection.issuer !== issuer
            ? { discovery: Prisma.DbNull, discoveryFetchedAt: null, jwksCache: Prisma.DbNull }
            : {}),
      },
      // Never the secret: only whether it changed.
      { issuer, clientId: input.clientId, clientSecret: secret ? 'replaced' : 'kept', domains: (domains.domains ?? []).map((d) => d.name) },
    );
    return ok(
      discovery.ok
        ? { discovery: 'fetched' as const, message: `Discovery read from ${issuer}.` }
        : { discovery: 'failed' as const, message: discovery.message },
    );
  });
}

export async function setSsoConnectionEnabled(client: Db, context: CommandContext, input: SetSsoEnabledInput): Promise<Result<null>> {
  return client.$transaction(async (tx) => {
    const connection = await findScoped(tx, input);
    if (!connection) return notFound();
    if (connection.enabled === input.enabled) return ok(null);
    if (!input.enabled && (await wouldLockOut(tx, input.organizationId, connection.id))) return LOCKOUT();
    if (input.enabled) {
      const missing = missingForEnable({
        ...connection,
        hasClientSecret: connection.clientSecretSealed !== null,
        hasDiscovery: connection.discovery !== null,
        certificateCount: connection.certificates.length,
        domainCount: connection.domains.length,
      });
      if (missing.length) return fail('sso_incomplete', `Finish the setup first: add ${missing.join(', ')}.`);
    }
    await tx.ssoConnection.update({ where: { id: connection.id }, data: { enabled: input.enabled } });
    // Turned off: the sessions started through it end now.
    const ended = input.enabled ? 0 : (await tx.session.deleteMany({ where: { ssoConnectionId: connection.id } })).count;
    await recomputeOrganizationState(tx, input.organizationId, context.now, context, [
      {
        organizationId: input.organizationId,
        action: input.enabled ? 'sso.connection_enabled' : 'sso.connection_disabled',
        target: target(connection),
        summary: { enabled: { before: connection.enabled, after: input.enabled }, ...(ended ? { sessionsEnded: ended } : {}) },
      },
    ]);
    return ok(null);
  });
}

export async function deleteSsoConnection(
  client: Db,
  context: CommandContext,
  input: DeleteSsoConnectionInput,
): Promise<Result<{ name: string }>> {
  return client.$transaction(async (tx) => {
    const connection = await findScoped(tx, input);
    if (!connection) return notFound();
    if (input.confirmName !== connection.name) {
      const message = `Type the connection’s name, ${connection.name}, to delete it.`;
      return fail('confirm_mismatch', message, { fieldErrors: { confirmName: [message] }, values: { confirmName: input.confirmName } });
    }
    if (connection.enabled && (await wouldLockOut(tx, input.organizationId, connection.id))) return LOCKOUT();
    // A directory linked to it as its intended connection loses the link, not its users.
    await tx.directory.updateMany({
      where: { ssoConnectionId: connection.id, organizationId: input.organizationId },
      data: { ssoConnectionId: null },
    });
    await tx.ssoConnection.delete({ where: { id: connection.id } });
    await recomputeOrganizationState(tx, input.organizationId, context.now, context, [
      {
        organizationId: input.organizationId,
        action: 'sso.connection_deleted',
        target: target(connection),
        summary: { provider: connection.provider, protocol: connection.protocol, wasEnabled: connection.enabled },
      },
    ]);
    return ok({ name: connection.name });
  });
}

/**
 * Starts a test sign-in (enabled or not): the request Orgdesk sends the identity provider, marked
 * as a test so the answer creates no session and shows its result.
 */
export async function startSsoTest(client: Db, context: CommandContext, input: ConnectionRefInput): Promise<Result<{ url: string }>> {
  const connection = await client.ssoConnection.findFirst({
    where: { id: input.connectionId, organizationId: input.organizationId },
    select: { id: true },
  });
  if (!connection) return notFound();
  // A setup link's test comes back to the link's page; a builder's to the console.
  const returnTo = context.principal.kind === 'setup_link' ? setupLinkReturnTo(context.principal.linkId) : null;
  const started = await startSsoSignIn(client, connection.id, 'test', context.now, null, returnTo);
  return started.ok ? ok({ url: started.data }) : started;
}

/** Whether turning off or deleting this connection would leave an organization that requires SSO with none enabled. */
async function wouldLockOut(tx: Tx, organizationId: string, connectionId: string) {
  const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { requireSso: true } });
  if (!organization?.requireSso) return false;
  const others = await tx.ssoConnection.count({ where: { organizationId, enabled: true, id: { not: connectionId } } });
  return others === 0;
}

const LOCKOUT = () =>
  fail(
    'sso_required',
    'This organization requires SSO, and this is its only enabled connection: people at its domains couldn’t sign in. Turn off Require SSO first, or enable another connection.',
  );

/**
 * Require SSO (or not) for the organization's verified domains, naming its break-glass owners.
 * Requiring it needs an enabled connection and at least one break-glass owner, so a broken
 * identity provider never locks everyone out.
 */
export async function setSsoRequirement(client: Db, context: CommandContext, input: SetSsoRequirementInput): Promise<Result<null>> {
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, input.organizationId))) return notFound();
    const organization = await tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { requireSso: true } });
    const ids = [...new Set(input.breakGlassMembershipIds)];
    const owners = await tx.membership.findMany({
      where: { id: { in: ids }, organizationId: input.organizationId, role: 'owner', status: 'active' },
      select: { id: true, user: { select: { email: true } } },
    });
    if (owners.length !== ids.length) {
      const message = 'Break-glass accounts must be active owners of this organization.';
      return fail('invalid_input', message, { fieldErrors: { breakGlassMembershipIds: [message] } });
    }
    if (input.requireSso) {
      if (!(await tx.ssoConnection.count({ where: { organizationId: input.organizationId, enabled: true } }))) {
        const message = 'Enable an SSO connection (and test it) before requiring SSO.';
        return fail('sso_incomplete', message, { fieldErrors: { requireSso: [message] } });
      }
      if (!owners.length) {
        const message = 'Choose at least one break-glass owner, who can still sign in with an email link if the identity provider fails.';
        return fail('invalid_input', message, { fieldErrors: { breakGlassMembershipIds: [message] } });
      }
    }
    const before = await tx.membership.findMany({
      where: { organizationId: input.organizationId, breakGlass: true },
      select: { user: { select: { email: true } } },
    });
    await tx.membership.updateMany({
      where: { organizationId: input.organizationId, breakGlass: true, id: { notIn: ids } },
      data: { breakGlass: false },
    });
    if (ids.length) await tx.membership.updateMany({ where: { id: { in: ids } }, data: { breakGlass: true } });
    await tx.organization.update({ where: { id: input.organizationId }, data: { requireSso: input.requireSso } });
    await recordAudit(tx, context, {
      organizationId: input.organizationId,
      action: 'sso.requirement_changed',
      target: { type: 'organization', id: input.organizationId, label: 'Require SSO' },
      summary: {
        requireSso: { before: organization.requireSso, after: input.requireSso },
        breakGlass: { before: before.map((m) => m.user.email).sort(), after: owners.map((m) => m.user.email).sort() },
      },
    });
    return ok(null);
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily metadata refresh: connections whose metadata came from a URL are read again once a
 * day (claimed with SKIP LOCKED, so instances share the work). A change (entity ID, SSO URL or
 * certificates) is applied and audited with what changed; so is a failure to read, which leaves
 * the connection as it was.
 */
export async function refreshDueSamlMetadata(client: Db, now: Date, limit = 10) {
  const due = await client.$queryRaw<{ id: string; organization_id: string }[]>(Prisma.sql`
    UPDATE sso_connections SET idp_metadata_fetched_at = ${now}
    WHERE id IN (
      SELECT id FROM sso_connections
      WHERE protocol = 'saml' AND idp_metadata_url IS NOT NULL
        AND (idp_metadata_fetched_at IS NULL OR idp_metadata_fetched_at <= ${new Date(now.getTime() - DAY_MS)})
      ORDER BY idp_metadata_fetched_at NULLS FIRST LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, organization_id`);
  const context = contextFor(systemPrincipal('SSO metadata refresh'), now);
  for (const row of due) await refreshSamlMetadata(client, context, { organizationId: row.organization_id, connectionId: row.id });
  return due.length;
}

/** Reads one connection's metadata URL again and applies what changed; "changed" says whether anything did. */
export async function refreshSamlMetadata(
  client: Db,
  context: CommandContext,
  input: ConnectionRefInput,
): Promise<Result<{ changed: boolean }>> {
  const current = await client.ssoConnection.findFirst({
    where: { id: input.connectionId, organizationId: input.organizationId, protocol: 'saml' },
    select: { idpMetadataUrl: true },
  });
  if (!current?.idpMetadataUrl) return notFound();
  const metadata = await readMetadata({ ...input, metadataUrl: current.idpMetadataUrl, metadataXml: '' }, context.now);
  return client.$transaction(async (tx) => {
    const connection = await findScoped(tx, input);
    if (!connection) return notFound();
    if (!metadata.ok) {
      await recordAudit(tx, context, {
        organizationId: input.organizationId,
        action: 'sso.metadata_refresh_failed',
        target: target(connection),
        summary: { metadataUrl: current.idpMetadataUrl, reason: metadata.message },
      });
      return metadata;
    }
    const fingerprints = new Set(metadata.data.certificates.map((c) => c.fingerprint));
    const unchanged =
      connection.idpEntityId === metadata.data.entityId &&
      connection.idpSsoUrl === metadata.data.ssoUrl &&
      connection.certificates.length === fingerprints.size &&
      connection.certificates.every((c) => fingerprints.has(c.fingerprint));
    if (unchanged) return ok({ changed: false });
    await applyMetadata(tx, context, connection, metadata.data, 'sso.metadata_changed', { metadataUrl: current.idpMetadataUrl });
    return ok({ changed: true });
  });
}
