import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { contextFor } from '../lib/commands/define';
import { getConfig } from '../lib/config';
import type { Db } from '../lib/db/client';
import { addDomain } from '../lib/demo/records';
import { createOrganization } from '../lib/organizations/mutations';
import { completeSamlSignIn, startSamlSignIn } from '../lib/sso/flow';
import { configureSamlConnection, createSsoConnection, setSsoConnectionEnabled } from '../lib/sso/mutations';
import { verifySamlResponse } from '../lib/sso/saml';
import { serviceProviderValues } from '../lib/sso/sp';
import { IDP_CERTIFICATE_PEM, testSamlResponse } from '../tests/support/saml-idp';
import { countStatements } from './audit';
import type { CommandFigure } from './commands';

type Measure = (fn: (i: number) => Promise<unknown>) => Promise<{ p50: number; p95: number }>;
const ENTITY = 'http://www.okta.com/exk-bench';

/**
 * The SAML ACS, as issue 11 asks: the time to handle one signed response (assertion signed with
 * RSA-SHA256 by the test identity provider's 2048-bit key). Twice: the checks and signature alone,
 * and the whole sign-in of a new person (request consumed, replay guard, attempt log, just-in-time
 * user, identity and membership, end-user activity, state recompute, ticket), with its statements.
 */
export async function benchSamlAcs(client: Db, measure: Measure, runs: number): Promise<Record<string, CommandFigure>> {
  const user = await client.user.upsert({ where: { email: 'bench@orgdesk.test' }, create: { email: 'bench@orgdesk.test' }, update: {} });
  const context = () => contextFor({ kind: 'console_user', userId: user.id, email: user.email, role: 'owner' }, new Date());
  const tag = crypto.randomBytes(3).toString('hex');
  const org = await createOrganization(client, context(), { name: `SSO bench ${tag}`, slug: `sso-bench-${tag}` });
  if (!org.ok) throw new Error(org.message);
  const organizationId = org.data.id;
  const domainName = `sso-bench-${tag}.example`;
  const domain = await client.$transaction((tx) => addDomain(tx, organizationId, domainName, { status: 'verified' }));
  const created = await createSsoConnection(client, context(), { organizationId, name: 'Bench IdP', provider: 'okta', protocol: 'saml' });
  if (!created.ok) throw new Error(created.message);
  const connectionId = created.data.id;
  const configured = await configureSamlConnection(client, context(), {
    organizationId,
    connectionId,
    name: 'Bench IdP',
    idpEntityId: ENTITY,
    idpSsoUrl: 'https://idp.bench.example/sso',
    certificates: [IDP_CERTIFICATE_PEM],
    signedPart: 'assertion',
    allowSha1: false,
    idpInitiated: false,
    clockSkewSeconds: 180,
    emailAttribute: 'email',
    firstNameAttribute: 'firstName',
    lastNameAttribute: 'lastName',
    groupsAttribute: 'groups',
    domainIds: [domain.id],
  });
  if (!configured.ok) throw new Error(configured.message);
  await setSsoConnectionEnabled(client, context(), { organizationId, connectionId, enabled: true });
  const connection = await client.ssoConnection.findUniqueOrThrow({ where: { id: connectionId }, include: { certificates: true } });
  const sp = serviceProviderValues(getConfig().appUrl, connectionId);

  // Requests and their signed answers, made before the clock starts.
  const count = runs + 10;
  const responses: string[] = [];
  for (let i = 0; i < count; i++) {
    const url = await startSamlSignIn(client, connection, 'sign_in', new Date());
    const xml = zlib.inflateRawSync(Buffer.from(new URL(url).searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    const email = `person-${i}@${domainName}`;
    responses.push(
      await testSamlResponse({
        issuer: ENTITY,
        acsUrl: sp.acsUrl,
        audience: sp.entityId,
        inResponseTo: /\sID="([^"]+)"/.exec(xml)![1]!,
        nameId: `00u-${tag}-${i}`,
        attributes: { email: [email], firstName: ['Bench'], lastName: [`Person ${i}`], groups: ['staff', 'engineering'] },
      }),
    );
  }
  const settings = {
    provider: 'okta',
    idpEntityId: ENTITY,
    certificates: connection.certificates,
    signedPart: 'assertion' as const,
    allowSha1: false,
    clockSkewSeconds: 180,
    idpInitiated: false,
    attributeMapping: { email: 'email', firstName: 'firstName', lastName: 'lastName', groups: 'groups' },
  };
  const figures: Record<string, CommandFigure> = {};
  let v = 0;
  const verify = async () => {
    const result = await verifySamlResponse(responses[v++ % count]!, settings, sp, new Date());
    if (!result.ok) throw new Error(result.message);
  };
  figures['SAML ACS: checks and signature'] = { ...(await measure(verify)), statements: 0, sql: [] };

  let s = 0;
  const request = { ip: null, requestId: null };
  const signIn = async () => {
    const outcome = await completeSamlSignIn(client, connectionId, responses[s++]!, null, new Date(), request);
    if (outcome.kind !== 'signed_in') throw new Error(`ACS refused: ${JSON.stringify(outcome)}`);
  };
  const timing = await measure(signIn);
  const counted = await countStatements(client, signIn);
  figures['SAML ACS: sign in a new person'] = { ...timing, statements: counted.count, sql: counted.statements };
  return figures;
}
