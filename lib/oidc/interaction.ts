import type Provider from 'oidc-provider';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { bindGrant, membershipClaims } from './accounts';
import { collectedResponse, nodeRequest } from './bridge';
import { AUTHORIZE_PAGE, oidcProvider } from './provider';

export interface SignInRequest {
  uid: string;
  /** The application's name, as registered. */
  application: string;
  clientId: string;
  /** The organization the application asked for (`organization`), by id or slug. */
  organization: string | undefined;
  loginHint: string | undefined;
}

/** A Node request that carries this browser's cookies, which bind an interaction to it. */
function withCookies(uid: string, cookieHeader: string) {
  const appUrl = new URL(getConfig().appUrl);
  return {
    req: nodeRequest({
      method: 'GET',
      url: `${AUTHORIZE_PAGE}/${uid}`,
      originalUrl: `${AUTHORIZE_PAGE}/${uid}`,
      headers: new Headers({ cookie: cookieHeader, host: appUrl.host }),
      body: null,
      https: appUrl.protocol === 'https:',
      remoteAddress: null,
    }),
    res: collectedResponse(),
  };
}

async function interactionOf(provider: Provider, uid: string, cookieHeader: string) {
  const { req, res } = withCookies(uid, cookieHeader);
  try {
    const interaction = await provider.interactionDetails(req, res);
    // The browser's interaction cookie must name this very sign-in.
    return interaction.uid === uid ? interaction : null;
  } catch {
    return null;
  }
}

/**
 * The sign-in an application started in this browser, or null when it expired, was finished, or
 * belongs to another browser (its cookie is missing).
 */
export async function signInRequest(uid: string, cookieHeader: string): Promise<SignInRequest | null> {
  if (!/^[\w-]{10,64}$/.test(uid)) return null;
  const provider = await oidcProvider();
  const interaction = await interactionOf(provider, uid, cookieHeader);
  if (!interaction) return null;
  const clientId = String(interaction.params.client_id ?? '');
  const client = await provider.Client.find(clientId);
  if (!client) return null;
  const organization = interaction.params.organization;
  const loginHint = interaction.params.login_hint;
  return {
    uid,
    application: client.clientName ?? clientId,
    clientId,
    organization: typeof organization === 'string' && organization ? organization : undefined,
    loginHint: typeof loginHint === 'string' ? loginHint : undefined,
  };
}

/**
 * Ends the sign-in page's part: signed in as this membership, or refused (the person cancelled).
 * Returns where the browser goes next (the provider, which answers the application), or null when
 * the sign-in is no longer there.
 */
export async function finishSignIn(
  uid: string,
  cookieHeader: string,
  outcome: { membershipId: string } | { error: 'access_denied'; description: string },
): Promise<string | null> {
  const provider = await oidcProvider();
  const interaction = await interactionOf(provider, uid, cookieHeader);
  if (!interaction) return null;
  const { req, res } = withCookies(uid, cookieHeader);
  let result: Record<string, unknown> = { error: 'access_denied', error_description: 'error' in outcome ? outcome.description : '' };
  const claims = 'membershipId' in outcome ? await membershipClaims(await db(), outcome.membershipId) : null;
  if ('membershipId' in outcome && !claims) {
    result = { error: 'access_denied', error_description: 'This membership can’t sign in: it, or its organization, is suspended.' };
  } else if ('membershipId' in outcome && claims) {
    // The person, signed in as this membership for this application: the grant (first-party, so
    // it covers what the application asked for, an explicit prompt=consent included) remembers
    // the organization.
    const grant = new provider.Grant({ accountId: claims.sub, clientId: String(interaction.params.client_id) });
    grant.addOIDCScope(String(interaction.params.scope ?? 'openid'));
    const grantId = await grant.save();
    await bindGrant(await db(), grantId, outcome.membershipId);
    result = { login: { accountId: claims.sub, remember: true }, consent: { grantId } };
  }
  return provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
}
