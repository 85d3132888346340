import { NextResponse } from 'next/server';
import { renderInvitation } from '@/emails/invitation';
import { escapeHtml } from '@/emails/layout';
import { MEMBER_ROLES } from '@/lib/access/roles';
import { currentBuilder } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/client';
import { INVITATION_LIFETIME_DAYS, invitationExpiresAt } from '@/lib/invitations/policy';
import { expiresInDaysSchema } from '@/lib/invitations/schemas';

/** The invitation email as invitees will see it, with this organization's real data. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const builder = await currentBuilder();
  if (!builder) return new NextResponse('Not found', { status: 404 });
  const { slug } = await params;
  const organization = await (await db()).organization.findUnique({ where: { slug }, select: { name: true } });
  if (!organization) return new NextResponse('Not found', { status: 404 });
  const url = new URL(request.url);
  const role = MEMBER_ROLES.find((r) => r === url.searchParams.get('role')) ?? 'member';
  const days = expiresInDaysSchema.catch(INVITATION_LIFETIME_DAYS.default).parse(url.searchParams.get('days') ?? undefined);
  const email = renderInvitation({
    organizationName: organization.name,
    inviterEmail: builder.email,
    role,
    expiresAt: invitationExpiresAt(new Date(), days),
    acceptUrl: `${getConfig().appUrl}/invite/preview-link-is-not-a-real-invitation`,
    isTest: false,
  });
  const page = email.html.replace(
    /<body([^>]*)>/,
    `<body$1><p style="font:14px sans-serif;background:#e0e7ff;padding:8px 12px;border-radius:6px;margin:0 0 16px">Preview. Subject: <strong>${escapeHtml(email.subject)}</strong>. The link in a real invitation is unique to its recipient.</p>`,
  );
  return new NextResponse(page, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src * data:",
    },
  });
}
