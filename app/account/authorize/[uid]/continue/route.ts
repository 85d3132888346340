import { type NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { isSameOrigin } from '@/lib/http/request';
import { matchesRequestedOrganization, signInChoices } from '@/lib/oidc/accounts';
import { finishSignIn, signInRequest } from '@/lib/oidc/interaction';

const continueSchema = z.union([z.object({ cancel: z.literal('1') }), z.object({ membershipId: z.uuid() })]);

/**
 * The sign-in page's answer, as a plain form post (so the redirects that follow, ending at the
 * application, are the browser's own): the organization chosen, or a cancellation. Only one of
 * the person's own active memberships, matching what the application asked for, is accepted.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const appUrl = getConfig().appUrl;
  const back = (error: string) => NextResponse.redirect(new URL(`/account/authorize/${uid}?error=${error}`, appUrl), 303);
  if (!isSameOrigin(request, appUrl)) return new NextResponse('Cross-site request refused.', { status: 403 });
  const cookieHeader = request.headers.get('cookie') ?? '';
  const signIn = await signInRequest(uid, cookieHeader);
  if (!signIn) return back('expired');
  const parsed = continueSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return back('choice');
  let membershipId: string | null = null;
  if ('membershipId' in parsed.data) {
    const user = await currentUser();
    if (!user) return NextResponse.redirect(new URL(`/account/authorize/${uid}`, appUrl), 303);
    const chosen = parsed.data.membershipId;
    const choice = (await signInChoices(await db(), user.userId)).find((c) => c.id === chosen);
    if (!choice || !matchesRequestedOrganization(choice.organization, signIn.organization)) return back('choice');
    membershipId = choice.id;
  }
  const returnTo = await finishSignIn(
    uid,
    cookieHeader,
    membershipId ? { membershipId } : { error: 'access_denied', description: 'The person cancelled signing in.' },
  );
  if (!returnTo) return back('expired');
  return NextResponse.redirect(returnTo, 303);
}
