import { NextResponse } from 'next/server';
import { inviterDisplayName, renderInvitation } from '@/emails/invitation';
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
  const organization = await (await db()).organization.findUnique({ where: { slug }, select: { id: true, name: true } });
  if (!organization) return new NextResponse('Not found', { status: 404 });
  const url = new URL(request.url);
  // Any role this organization can use; Member otherwise.
  const requested = url.searchParams.get('role') ?? 'member';
  const days = expiresInDaysSchema.catch(INVITATION_LIFETIME_DAYS.default).parse(url.searchParams.get('days') ?? undefined);
  // The same component, props and sender as a real invitation from this builder.
  const roleRow = (await (
    await db()
  ).role.findFirst({
    where: { key: requested, OR: [{ organizationId: null }, { organizationId: organization.id }] },
    select: { name: true },
  })) ?? { name: 'Member' };
  const email = await renderInvitation(
    {
      organizationName: organization.name,
      inviterName: inviterDisplayName(null, builder.email),
      inviterEmail: builder.email,
      roleName: roleRow.name,
      expiresAt: invitationExpiresAt(new Date(), days),
      acceptUrl: `${getConfig().appUrl}/invite/preview-link-is-not-a-real-invitation`,
      isTest: false,
    },
    getConfig().emailFromName,
  );
  const page = email.html.replace(
    /<body([^>]*)>/,
    `<body$1><p style="font:14px sans-serif;background:#e0e7ff;padding:8px 12px;border-radius:6px;margin:0 0 16px">Preview. From: <strong>${escapeHtml(email.fromName ?? '')}</strong>. Subject: <strong>${escapeHtml(email.subject)}</strong>. The link in a real invitation is unique to its recipient.</p>`,
  );
  return new NextResponse(page, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src * data:",
    },
  });
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
