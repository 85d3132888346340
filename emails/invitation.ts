import { type MemberRoleName, ROLE_LABELS } from '@/lib/access/roles';
import { formatLongDateTime } from '@/lib/format';
import { button, escapeHtml, htmlFrame, type RenderedEmail } from './layout';

export interface InvitationEmailProps {
  organizationName: string;
  inviterEmail: string;
  role: MemberRoleName;
  expiresAt: Date;
  acceptUrl: string;
  isTest: boolean;
}

export const previewProps: InvitationEmailProps = {
  organizationName: 'Acme (pilot)',
  inviterEmail: 'builder@orgdesk.localhost',
  role: 'member',
  expiresAt: new Date('2026-12-05T12:00:00Z'),
  acceptUrl: 'http://localhost:3000/invite/preview-token',
  isTest: false,
};

export function renderInvitation(props: InvitationEmailProps = previewProps): RenderedEmail {
  const role = ROLE_LABELS[props.role].label;
  const expires = formatLongDateTime(props.expiresAt);
  const testPrefix = props.isTest ? '[Test] ' : '';
  const subject = `${testPrefix}You're invited to join ${props.organizationName}`;
  const testNote = props.isTest
    ? '<p style="background:#fef3c7;padding:12px;border-radius:6px"><strong>This is a test invitation.</strong> It shows what invitees receive and can’t be used to join.</p>'
    : '';
  const html = htmlFrame(
    subject,
    `${testNote}<h1 style="font-size:20px;margin:0 0 16px">Join ${escapeHtml(props.organizationName)}</h1>
<p>${escapeHtml(props.inviterEmail)} invited you to join <strong>${escapeHtml(props.organizationName)}</strong> as <strong>${escapeHtml(role)}</strong>.</p>
${button(props.acceptUrl, 'View invitation')}
<p style="font-size:13px;color:#4b5563">The invitation expires on ${escapeHtml(expires)}. If the button doesn’t work, paste this address into your browser:<br><a href="${escapeHtml(props.acceptUrl)}">${escapeHtml(props.acceptUrl)}</a></p>
<p style="font-size:13px;color:#4b5563">Not expecting this? Ignore the email; nothing happens unless you accept.</p>`,
  );
  const text = `${props.isTest ? "THIS IS A TEST INVITATION. It shows what invitees receive and can't be used to join.\n\n" : ''}${props.inviterEmail} invited you to join ${props.organizationName} as ${role}.

View and accept the invitation:
${props.acceptUrl}

The invitation expires on ${expires}.
Not expecting this? Ignore the email; nothing happens unless you accept.
`;
  return { subject, html, text };
}
