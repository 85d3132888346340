import { Heading, Text } from '@react-email/components';
import { formatLongDateTime } from '@/lib/format';
import { ActionButton, EmailLayout, styles } from './components/email-layout';
import { type RenderedEmail, renderEmail } from './render';

export interface InvitationEmailProps {
  organizationName: string;
  /** Who invited: their name (or their address's local part) and address; null when no person did. */
  inviterName: string | null;
  inviterEmail: string | null;
  /** The role's name, as the roles table has it. */
  roleName: string;
  expiresAt: Date;
  acceptUrl: string;
  isTest: boolean;
}

export const previewProps: InvitationEmailProps = {
  organizationName: 'Acme (pilot)',
  inviterName: 'Ada',
  inviterEmail: 'ada@acme.example',
  roleName: 'Member',
  expiresAt: new Date('2026-12-05T12:00:00Z'),
  acceptUrl: 'http://localhost:3000/invite/preview-token',
  isTest: false,
};

export function invitationSubject(props: Pick<InvitationEmailProps, 'organizationName' | 'isTest'>): string {
  return `${props.isTest ? '[Test] ' : ''}You're invited to join ${props.organizationName}`;
}

/** The invitation, and the test invitation a builder sends themselves (marked, and unusable). */
export function InvitationEmail(props: InvitationEmailProps) {
  const role = props.roleName;
  return (
    <EmailLayout
      preview={`${props.inviterName ?? 'You are'} invited ${props.inviterName ? 'you ' : ''}to join ${props.organizationName} as ${role}.`}
    >
      {props.isTest ? (
        <Text style={styles.notice}>
          <strong>This is a test invitation.</strong> It shows what invitees receive and can’t be used to join.
        </Text>
      ) : null}
      <Heading as="h1" style={styles.heading}>
        Join {props.organizationName}
      </Heading>
      <Text style={styles.text}>
        {props.inviterEmail ? `${props.inviterName} (${props.inviterEmail}) invited you` : 'You are invited'} to join{' '}
        <strong>{props.organizationName}</strong> as <strong>{role}</strong>.
      </Text>
      <ActionButton href={props.acceptUrl}>View invitation</ActionButton>
      <Text style={styles.small}>The invitation expires on {formatLongDateTime(props.expiresAt)}.</Text>
      <Text style={styles.small}>Not expecting this? Ignore the email; nothing happens unless you accept.</Text>
    </EmailLayout>
  );
}

/** "Ada at Acme via Orgdesk": the person and the organization, through the configured sender. */
export function invitationSenderName(inviterName: string | null, organizationName: string, senderName: string): string {
  return `${inviterName ? `${inviterName} at ` : ''}${organizationName} via ${senderName}`;
}

/** The name an inviter goes by in an invitation: their name, else their address's local part. */
export function inviterDisplayName(name: string | null | undefined, email: string | null | undefined): string | null {
  if (name?.trim()) return name.trim();
  return email ? (email.split('@')[0] ?? null) : null;
}

export function renderInvitation(props: InvitationEmailProps = previewProps, senderName = 'Orgdesk'): Promise<RenderedEmail> {
  return renderEmail(
    invitationSubject(props),
    <InvitationEmail {...props} />,
    invitationSenderName(props.inviterName, props.organizationName, senderName),
  );
}
