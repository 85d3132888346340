import crypto from 'node:crypto';
import { roleForGroups } from '@/lib/access/mapped-roles';
import { memberPrincipal } from '@/lib/access/permissions';
import { mappedRoleChange } from '@/lib/access/role-mapping';
import type { AuditEventInput } from '@/lib/audit/record';
import type { RequestMeta } from '@/lib/commands/define';
import { systemPrincipal } from '@/lib/commands/principal';
import { getConfig } from '@/lib/config';
import { seal, unseal } from '@/lib/crypto/sealed';
import type { Db, DbOrTx } from '@/lib/db/client';
import { isEmailDomainVerified } from '@/lib/domains/verified';
import { normalizeEmail } from '@/lib/email/address';
import { Prisma } from '@/lib/generated/prisma/client';
import { lockOrganization, recomputeOrganizationState } from '@/lib/organizations/recompute';
import { fail, ok, type Result } from '@/lib/result';
import { recordSetupLinkTestPassed, setupLinkOfTest } from '@/lib/setup-links/sso-test';
import type { VerifiedIdentity } from './identity';
import {
  completeOidcSignIn,
  fetchDiscovery,
  newCodeVerifier,
  newNonce,
  newState,
  type OidcDiscovery,
  oidcAuthorizationUrl,
  oidcConfiguration,
  openidClient,
} from './oidc';
import {
  authnRequestUrl,
  IDP_INITIATED_MAX_AGE_MS,
  newSamlRequestId,
  SAML_REQUEST_TTL_MS,
  type SamlFailure,
  ssoFailure,
  type VerifiedAssertion,
  verifySamlResponse,
} from './saml';
import { serviceProviderValues } from './sp';

/**
 * The database half of an SSO sign-in: the requests Orgdesk issues (answerable once, within 10
 * minutes, by any instance), the replay guard, the attempt log, just-in-time membership, and the
 * single-use ticket that becomes a member session.
 */

export type SsoPurpose = 'test' | 'sign_in';
/** A ticket is good for two minutes, once. */
export const SSO_TICKET_TTL_MS = 2 * 60 * 1000;

const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');

async function loadConnection(client: DbOrTx, connectionId: string) {
  return client.ssoConnection.findUnique({
    where: { id: connectionId },
    include: {
      certificates: { select: { pem: true, fingerprint: true } },
      organization: { select: { id: true, slug: true, status: true } },
    },
  });
}

/**
 * Starts a SAML sign-in at the connection's identity provider: stores the request, returns the
 * redirect URL. A test runs on a disabled connection too; a real sign-in needs it enabled.
 */
export async function startSamlSignIn(
  client: DbOrTx,
  connection: { id: string; organizationId: string; idpSsoUrl: string | null; certificates: readonly { pem: string }[] },
  purpose: SsoPurpose,
  now: Date,
  returnTo: string | null = null,
): Promise<string> {
  const id = newSamlRequestId();
  await client.ssoRequest.create({
    data: {
      id,
      connectionId: connection.id,
      organizationId: connection.organizationId,
      purpose,
      returnTo,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SAML_REQUEST_TTL_MS),
    },
  });
  const sp = serviceProviderValues(getConfig().appUrl, connection.id);
  return authnRequestUrl(
    { idpSsoUrl: connection.idpSsoUrl ?? '', certificates: connection.certificates },
    sp,
    id,
    purpose === 'test' ? 'test' : '',
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;
type LoadedConnection = NonNullable<Awaited<ReturnType<typeof loadConnection>>>;

/**
 * Starts a sign-in (or a test) at a connection's identity provider, whichever its protocol: the
 * request is stored, and the address to send the browser to is returned. A failure (an OIDC
 * issuer that can't be reached, say) is explained.
 */
export async function startSsoSignIn(
  client: Db,
  connectionId: string,
  purpose: SsoPurpose,
  now: Date,
  loginHint: string | null = null,
  returnTo: string | null = null,
): Promise<Result<string>> {
  const connection = await loadConnection(client, connectionId);
  if (!connection) return fail('not_found');
  if (connection.protocol === 'saml') {
    if (!connection.idpSsoUrl || !connection.certificates.length) {
      return fail('sso_incomplete', 'Add the identity provider’s SSO URL and signing certificate first.');
    }
    return ok(await startSamlSignIn(client, connection, purpose, now, returnTo));
  }
  const config = await oidcConfigFor(client, connection, now);
  if (!config.ok) return config;
  const state = newState();
  const nonce = newNonce();
  const codeVerifier = newCodeVerifier();
  await client.ssoRequest.create({
    data: {
      id: state,
      connectionId: connection.id,
      organizationId: connection.organizationId,
      purpose,
      returnTo,
      nonce,
      codeVerifierSealed: seal(codeVerifier, getConfig().authSecret, 'ssoSecret'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SAML_REQUEST_TTL_MS),
    },
  });
  const sp = serviceProviderValues(getConfig().appUrl, connection.id);
  return ok(await oidcAuthorizationUrl(config.data, { redirectUri: sp.redirectUri, state, nonce, codeVerifier, loginHint }));
}

/**
 * An OIDC connection's client, from its stored discovery (read again when a day old; the stored
 * one serves while the issuer doesn't answer) and its stored keys.
 */
async function oidcConfigFor(client: DbOrTx, connection: LoadedConnection, now: Date) {
  const allow = getConfig().outboundAllowOrigins;
  if (!connection.issuer || !connection.clientId || !connection.clientSecretSealed) {
    return fail('sso_incomplete', 'Add the issuer, client ID and client secret first.');
  }
  let discovery = connection.discovery as OidcDiscovery | null;
  if (!discovery || !connection.discoveryFetchedAt || now.getTime() - connection.discoveryFetchedAt.getTime() > DAY_MS) {
    const fetched = await fetchDiscovery(connection.issuer, allow);
    if (fetched.ok) {
      discovery = fetched.data;
      await client.ssoConnection.update({
        where: { id: connection.id },
        data: { discovery: fetched.data as Prisma.InputJsonValue, discoveryFetchedAt: now },
      });
    } else if (!discovery) {
      return fetched;
    }
  }
  const secret = unseal(connection.clientSecretSealed, getConfig().authSecret, 'ssoSecret');
  if (secret === null) {
    return fail('sso_incomplete', 'The stored client secret can’t be read (was AUTH_SECRET changed?). Enter the client secret again.');
  }
  return ok(oidcConfiguration(discovery, connection.clientId, secret, allow, connection.jwksCache));
}

/**
 * The OIDC callback: the state names the request it answers (used up now, whatever follows);
 * openid-client checks the code exchange, the ID token and userinfo; the attempt ends as every
 * sign-in does. The keys fetched on the way are kept for the next one.
 */
export async function completeOidcCallback(
  client: Db,
  connectionId: string,
  query: URLSearchParams,
  now: Date,
  request: RequestMeta,
): Promise<AcsOutcome> {
  const connection = await loadConnection(client, connectionId);
  if (connection?.protocol !== 'oidc' || !connection.issuer || !connection.clientId) {
    return {
      kind: 'refused',
      code: 'sso_unknown_connection',
      message: 'This sign-in address doesn’t belong to a configured OpenID Connect connection.',
    };
  }
  const state = query.get('state') ?? '';
  const consumed = await consumeRequest(client, state, connection.id, now);
  const codeVerifier = consumed?.code_verifier_sealed ? unseal(consumed.code_verifier_sealed, getConfig().authSecret, 'ssoSecret') : null;
  if (!consumed?.nonce || !codeVerifier) {
    const failure = refusal(
      'oidc_state',
      'State',
      'The answer doesn’t match a sign-in this connection started in the last 10 minutes, or it was already used.',
      'Start the sign-in again from Orgdesk.',
    );
    return finishAttempt(client, connection, { test: false, answered: false, result: failure, returnTo: null }, now, request);
  }
  const test = consumed.purpose === 'test';
  const config = await oidcConfigFor(client, connection, now);
  let result: SignInResult;
  if (!config.ok) {
    result = refusal('oidc_discovery', 'Discovery', config.message, 'Check the issuer, and that it answers over HTTPS.');
  } else {
    const sp = serviceProviderValues(getConfig().appUrl, connection.id);
    const verified = await completeOidcSignIn(
      config.data,
      new URL(`${sp.redirectUri}?${query.toString()}`),
      { state, nonce: consumed.nonce, codeVerifier },
      {
        provider: connection.provider,
        issuer: connection.issuer,
        clientId: connection.clientId,
        attributeMapping: connection.attributeMapping as Record<string, string>,
      },
      now,
    );
    const keys = openidClient.getJwksCache(config.data);
    if (keys && JSON.stringify(keys) !== JSON.stringify(connection.jwksCache)) {
      await client.ssoConnection.update({ where: { id: connection.id }, data: { jwksCache: keys as unknown as Prisma.InputJsonValue } });
    }
    result = verified;
  }
  return finishAttempt(client, connection, { test, answered: true, result, returnTo: consumed.return_to }, now, request);
}

/** What the ACS does next: show a test's result to the builder, hand a ticket to the person, or explain a refusal. */
export type AcsOutcome =
  /** A test's result: for the builder in the console, or (with `setupLinkId`) for a setup link's visitor. */
  | { kind: 'test'; organizationSlug: string; connectionId: string; attemptId: string; setupLinkId: string | null }
  | { kind: 'signed_in'; ticket: string; returnTo: string | null }
  | { kind: 'refused'; code: string; message: string };

type SignInResult = VerifiedIdentity | SamlFailure;

function attemptDetail(result: SignInResult, extra: Record<string, unknown> = {}) {
  if (!result.ok) {
    const { check, message, expected, received, fix } = result;
    return { check, message, expected, received, fix, ...extra };
  }
  return {
    attributes: result.attributes,
    firstName: result.firstName,
    lastName: result.lastName,
    groups: result.groups,
    ...result.detail,
    ...extra,
  };
}

/** A verified SAML assertion as the shared sign-in sees it. */
function samlIdentity(assertion: VerifiedAssertion): VerifiedIdentity {
  return {
    ok: true,
    subject: assertion.subject,
    email: assertion.email,
    firstName: assertion.firstName,
    lastName: assertion.lastName,
    groups: assertion.groups,
    attributes: assertion.attributes,
    detail: {
      nameIdFormat: assertion.nameIdFormat,
      certificateFingerprint: assertion.certificateFingerprint,
      clockDifferenceMs: assertion.clockDifferenceMs,
    },
  };
}

async function recordAttempt(
  client: DbOrTx,
  connection: { id: string; organizationId: string },
  test: boolean,
  result: SignInResult,
  now: Date,
  extra: Record<string, unknown> = {},
) {
  const attempt = await client.ssoSignInAttempt.create({
    data: {
      connectionId: connection.id,
      organizationId: connection.organizationId,
      occurredAt: now,
      test,
      outcome: result.ok ? 'success' : result.code,
      subject: result.ok ? result.subject : null,
      email: result.ok ? result.email : null,
      detail: attemptDetail(result, extra) as Prisma.InputJsonValue,
    },
  });
  if (test) await client.ssoConnection.update({ where: { id: connection.id }, data: { lastTestAt: now, lastTestAttemptId: attempt.id } });
  return attempt.id;
}

/** The InResponseTo a response claims, read before anything is trusted: only to find which request it answers. */
function claimedRequestId(samlResponse: string): string | null {
  const xml = Buffer.from(samlResponse.replace(/\s+/g, '').slice(0, 400_000), 'base64').toString('utf8');
  return /<(?:\w+:)?Response\b[^>]*\sInResponseTo="([^"]{1,200})"/.exec(xml)?.[1] ?? null;
}

const refusal = (code: SamlFailure['code'], check: string, message: string, fix?: string): SamlFailure =>
  ssoFailure(code, check, message, fix ? { fix } : {});

/**
 * Uses up the request an answer names: once, within its 10 minutes, for this connection only
 * (deleting it is the consumption, so two instances can't both take it). Null otherwise.
 */
async function consumeRequest(client: Db, id: string | null, connectionId: string, now: Date) {
  if (!id) return null;
  const rows = await client.$queryRaw<
    { purpose: string; return_to: string | null; nonce: string | null; code_verifier_sealed: string | null }[]
  >(Prisma.sql`
    DELETE FROM sso_requests WHERE id = ${id} AND connection_id = ${connectionId}::uuid AND expires_at > ${now}
    RETURNING purpose, return_to, nonce, code_verifier_sealed`);
  return rows[0] ?? null;
}

/**
 * The ACS: checks a posted response for the connection, consumes the request it answers (or, for
 * a connection that allows it, takes an identity-provider-initiated one that is at most 5 minutes
 * old), refuses a replayed assertion, logs the attempt, and goes on by purpose.
 */
export async function completeSamlSignIn(
  client: Db,
  connectionId: string,
  samlResponse: string,
  relayState: string | null,
  now: Date,
  request: RequestMeta,
): Promise<AcsOutcome> {
  const connection = await loadConnection(client, connectionId);
  if (connection?.protocol !== 'saml' || !connection.idpEntityId) {
    return {
      kind: 'refused',
      code: 'sso_unknown_connection',
      message: 'This sign-in address doesn’t belong to a configured SAML connection.',
    };
  }
  const claimed = claimedRequestId(samlResponse);
  // The request it answers is used up now, whatever follows: answerable once.
  const consumed = await consumeRequest(client, claimed, connection.id, now);
  // Only a test request Orgdesk issued makes this a test: a forged post can't write a test result.
  const test = consumed?.purpose === 'test';
  const settings = {
    provider: connection.provider,
    idpEntityId: connection.idpEntityId,
    certificates: connection.certificates,
    signedPart: connection.signedPart,
    allowSha1: connection.allowSha1,
    clockSkewSeconds: connection.clockSkewSeconds,
    idpInitiated: connection.idpInitiated,
    attributeMapping: connection.attributeMapping as Record<string, string>,
  };
  const sp = serviceProviderValues(getConfig().appUrl, connection.id);
  let result: VerifiedAssertion | SamlFailure = await verifySamlResponse(samlResponse, settings, sp, now);

  if (result.ok) {
    if (result.inResponseTo) {
      if (!consumed || result.inResponseTo !== claimed) {
        // A test whose request ran out says so on the person's page too.
        result = refusal(
          'saml_in_response_to',
          'InResponseTo',
          'The response answers a request this connection didn’t issue, one already answered, or one older than 10 minutes.',
          relayState === 'test'
            ? 'This test took longer than 10 minutes, or was already answered: run Test connection again.'
            : 'Start the sign-in again from Orgdesk; a response can be used only once.',
        );
      }
    } else if (!connection.idpInitiated) {
      result = refusal(
        'saml_unsolicited',
        'Identity-provider-initiated sign-in',
        'The identity provider started this sign-in (no request), and this connection accepts only sign-ins that Orgdesk starts.',
        'Start from Orgdesk’s sign-in page, or turn on identity-provider-initiated sign-in for this connection.',
      );
    } else if (now.getTime() - result.issueInstant.getTime() > IDP_INITIATED_MAX_AGE_MS) {
      result = refusal(
        'saml_too_old',
        'Assertion age',
        'An identity-provider-initiated assertion must be at most 5 minutes old.',
        'Sign in again from the identity provider.',
      );
    }
  }
  if (result.ok) {
    const verified = result;
    const fresh = await client.$queryRaw<{ assertion_id: string }[]>(Prisma.sql`
      INSERT INTO sso_seen_assertions (connection_id, assertion_id, expires_at)
      VALUES (${connection.id}::uuid, ${verified.assertionId}, ${verified.replayGuardUntil})
      ON CONFLICT DO NOTHING RETURNING assertion_id`);
    if (!fresh.length) {
      result = refusal(
        'saml_replay',
        'Replay',
        'This assertion was already used to sign in. Each one is accepted once.',
        'Start the sign-in again.',
      );
    }
  }

  const answered = consumed !== null || (result.ok && !result.inResponseTo);
  return finishAttempt(
    client,
    connection,
    { test, answered, result: result.ok ? samlIdentity(result) : result, returnTo: consumed?.return_to ?? null },
    now,
    request,
  );
}

/**
 * The end of every sign-in attempt, SAML or OIDC, once its answer is checked: a test is logged
 * as the connection's last test (with the role it would give); a real one is logged, counts
 * toward the connection's health, and, when the connection is on, joins the person just in time
 * and hands them a single-use ticket.
 */
async function finishAttempt(
  client: Db,
  connection: {
    id: string;
    organizationId: string;
    name: string;
    status: string;
    enabled: boolean;
    organization: { slug: string; status: string };
  },
  attempt: { test: boolean; answered: boolean; result: SignInResult; returnTo: string | null },
  now: Date,
  request: RequestMeta,
): Promise<AcsOutcome> {
  const { test, answered, result } = attempt;
  if (test) {
    const role = result.ok ? await roleForGroups(client, connection.organizationId, result.groups) : null;
    const attemptId = await recordAttempt(
      client,
      connection,
      true,
      result,
      now,
      role ? { role: role.name, roleMapping: role.mapping } : {},
    );
    const setupLinkId = setupLinkOfTest(attempt.returnTo);
    // A successful test sign-in is what the launch check's "SSO tested" reads, and a setup link's
    // visitor passing it is that link's milestone, audited as the link.
    if (result.ok) {
      await client.$transaction(async (tx) => {
        if (setupLinkId) await recordSetupLinkTestPassed(tx, setupLinkId, connection, attemptId, now, request);
        await recomputeOrganizationState(tx, connection.organizationId, now, { principal: systemPrincipal('SSO test sign-in'), request });
      });
    }
    return { kind: 'test', organizationSlug: connection.organization.slug, connectionId: connection.id, attemptId, setupLinkId };
  }
  // Health counts only answers to a sign-in Orgdesk started (or a verified one the IdP started),
  // so stray posts can't put a connection in error.
  if (!result.ok) {
    await recordAttempt(client, connection, false, result, now, { answered });
    if (answered) await trackConnectionHealth(client, connection, result, now);
    return { kind: 'refused', code: result.code, message: `${result.check}: ${result.message}` };
  }
  await trackConnectionHealth(client, connection, result, now);
  if (!connection.enabled || connection.organization.status !== 'active') {
    const failure = refusal(
      'sso_disabled',
      'Connection',
      'The connection (or its organization) is turned off.',
      'Enable the connection to sign people in.',
    );
    await recordAttempt(client, connection, false, failure, now);
    return { kind: 'refused', code: failure.code, message: failure.message };
  }
  const joined = await joinThroughSso(client, connection, result, now, request);
  await recordAttempt(client, connection, false, joined.ok ? result : joined.failure, now, { answered });
  if (!joined.ok) return { kind: 'refused', code: joined.failure.code, message: joined.failure.message };
  const ticket = crypto.randomBytes(32).toString('base64url');
  await client.ssoTicket.create({
    data: {
      tokenHash: sha256(ticket),
      userId: joined.userId,
      connectionId: connection.id,
      expiresAt: new Date(now.getTime() + SSO_TICKET_TTL_MS),
    },
  });
  return { kind: 'signed_in', ticket, returnTo: attempt.returnTo };
}

/** Three failed sign-ins in a row (answers to sign-ins Orgdesk started) put a connection in error. */
export const FAILING_SIGN_INS = 3;

/**
 * A connection's health from its real sign-ins: a verified sign-in makes it active (and ends an
 * error); FAILING_SIGN_INS failures in a row put it in error, with the last failure as the reason,
 * which makes the organization Needs attention. Each change is audited with the state recompute.
 */
async function trackConnectionHealth(
  client: Db,
  connection: { id: string; organizationId: string; name: string; status: string },
  result: SignInResult,
  now: Date,
) {
  let next: { status: 'active' | 'error'; lastError: string | null } | null = null;
  if (result.ok) {
    if (connection.status !== 'active') next = { status: 'active', lastError: null };
  } else if (connection.status !== 'error') {
    const recent = await client.ssoSignInAttempt.findMany({
      where: { connectionId: connection.id, test: false, detail: { path: ['answered'], equals: true } },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: FAILING_SIGN_INS,
      select: { outcome: true },
    });
    if (recent.length === FAILING_SIGN_INS && recent.every((attempt) => attempt.outcome !== 'success')) {
      next = { status: 'error', lastError: `The last ${FAILING_SIGN_INS} sign-ins failed. Latest: ${result.check}: ${result.message}` };
    }
  }
  if (!next) return;
  const change = next;
  await client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, connection.organizationId))) return;
    await tx.ssoConnection.update({ where: { id: connection.id }, data: change });
    const events: AuditEventInput[] =
      change.status === 'error' || connection.status === 'error'
        ? [
            {
              organizationId: connection.organizationId,
              action: change.status === 'error' ? 'sso.connection_failing' : 'sso.connection_recovered',
              target: { type: 'sso_connection', id: connection.id, label: connection.name },
              summary: {
                status: { before: connection.status, after: change.status },
                ...(change.lastError ? { reason: change.lastError } : {}),
              },
            },
          ]
        : [];
    await recomputeOrganizationState(
      tx,
      connection.organizationId,
      now,
      { principal: systemPrincipal('SSO sign-in health'), request: { ip: null, requestId: null } },
      events,
    );
  });
}

type JoinResult = { ok: true; userId: string } | { ok: false; failure: SamlFailure };

/**
 * Just-in-time membership for a verified sign-in: the identity is keyed by (connection, subject).
 * A known identity signs in as its user (an email changed at the identity provider follows); a new
 * one links to an existing user only when the email's domain is verified for this organization,
 * else it is refused; otherwise a user is created. A new member gets the mapped role (or the least
 * privileged), source SSO; group changes apply at every sign-in. It is end-user activity.
 */
async function joinThroughSso(
  client: Db,
  connection: { id: string; organizationId: string },
  verified: VerifiedIdentity,
  now: Date,
  request: RequestMeta,
): Promise<JoinResult> {
  const email = verified.email ? normalizeEmail(verified.email) : null;
  if (!email) {
    return {
      ok: false,
      failure: refusal(
        'saml_missing_email',
        'Email',
        'The identity provider sent no email address for this person.',
        'Map the email attribute in the identity provider, or send the email as NameID.',
      ),
    };
  }
  return client.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, connection.organizationId))) {
      return { ok: false as const, failure: refusal('saml_status', 'Organization', 'This organization no longer exists.') };
    }
    const identity = await tx.ssoIdentity.findUnique({
      where: { connectionId_subject: { connectionId: connection.id, subject: verified.subject } },
    });
    let userId: string;
    if (identity) {
      userId = identity.userId;
      if (identity.email !== email) {
        const taken = await tx.user.findUnique({ where: { email } });
        if (taken && taken.id !== userId) {
          return { ok: false as const, failure: conflict(email) };
        }
        await tx.user.update({ where: { id: userId }, data: { email } });
      }
      await tx.ssoIdentity.update({ where: { id: identity.id }, data: { email, lastSignInAt: now } });
    } else {
      const existing = await tx.user.findUnique({ where: { email } });
      if (existing && !(await isEmailDomainVerified(tx, connection.organizationId, email)))
        return { ok: false as const, failure: conflict(email) };
      const user =
        existing ??
        (await tx.user.create({
          data: { email, name: [verified.firstName, verified.lastName].filter(Boolean).join(' ') || null, emailVerified: now },
        }));
      userId = user.id;
      await tx.ssoIdentity.create({
        data: {
          connectionId: connection.id,
          organizationId: connection.organizationId,
          subject: verified.subject,
          userId,
          email,
          lastSignInAt: now,
        },
      });
    }
    const role = await roleForGroups(tx, connection.organizationId, verified.groups);
    const membership = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: connection.organizationId, userId } },
    });
    if (membership?.status === 'suspended') {
      return { ok: false as const, failure: refusal('saml_suspended', 'Membership', 'The membership of this person is suspended.') };
    }
    const context = {
      principal: await memberPrincipal(tx, {
        userId,
        email,
        organizationId: connection.organizationId,
        role: (membership?.role ?? role.key) as never,
      }),
      now,
      request,
    };
    const events: AuditEventInput[] = [];
    if (!membership) {
      await tx.membership.create({
        data: { organizationId: connection.organizationId, userId, role: role.key, joinedVia: 'sso', createdAt: now, lastSignInAt: now },
      });
      events.push({
        organizationId: connection.organizationId,
        action: 'member.joined',
        target: { type: 'member', id: userId, label: email },
        summary: { via: 'sso', role: role.key, connectionId: connection.id, ...(role.mapping ? { mapping: role.mapping } : {}) },
      });
    } else {
      // Group claims apply at every sign-in (lib/access/role-mapping.ts says when).
      const roleChange = mappedRoleChange(membership, role, 'sso') !== null;
      await tx.membership.update({
        where: { id: membership.id },
        data: { lastSignInAt: now, ...(roleChange ? { role: role.key, ...(role.key === 'owner' ? {} : { breakGlass: false }) } : {}) },
      });
      if (roleChange) {
        events.push({
          organizationId: connection.organizationId,
          action: 'member.role_changed',
          target: { type: 'member', id: userId, label: email },
          summary: {
            role: { before: membership.role, after: role.key },
            via: 'sso_mapping',
            mapping: role.mapping ?? 'no mapping matched',
          },
        });
      }
    }
    await tx.endUserActivity.create({
      data: { organizationId: connection.organizationId, kind: 'sso_sign_in', actorEmail: email, occurredAt: now },
    });
    await recomputeOrganizationState(tx, connection.organizationId, now, context, events);
    return { ok: true as const, userId };
  });
}

function conflict(email: string): SamlFailure {
  return refusal(
    'saml_account_conflict',
    'Account',
    `An account for ${email} already exists, and its domain isn’t verified for this organization, so single sign-on can’t take it over.`,
    'Ask the organization’s admin to verify the domain in Orgdesk, or sign in with your email link.',
  );
}

/**
 * Turns a ticket into the person's member session, once: deleting it is the consumption, so two
 * requests with the same ticket can't both succeed. Null when unknown, used or expired.
 */
export async function redeemSsoTicket(client: Db, ticket: string, now: Date) {
  const rows = await client.$queryRaw<{ user_id: string; connection_id: string }[]>(Prisma.sql`
    DELETE FROM sso_tickets WHERE token_hash = ${sha256(ticket)} AND expires_at > ${now} RETURNING user_id, connection_id`);
  return rows[0] ? { userId: rows[0].user_id, connectionId: rows[0].connection_id } : null;
}
