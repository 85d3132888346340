import { Heading, Text } from '@react-email/components';
import { formatLongDateTime } from '@/lib/format';
import { ActionButton, EmailLayout, styles } from './components/email-layout';
import { type RenderedEmail, renderEmail } from './render';

export interface ConsoleInvitationEmailProps {
  /** Who invited: their name (or their address's local part) and address. */
  inviterName: string | null;
  inviterEmail: string | null;
  /** The console role's name: Owner, Admin or Viewer. */
  roleName: string;
  /** What the role may do, in one sentence. */
  roleDescription: string;
  /** The console's host, so the invitee knows which Orgdesk this is. */
  host: string;
  expiresAt: Date;
  acceptUrl: string;
}

export const previewProps: ConsoleInvitationEmailProps = {
  inviterName: 'Ada',
  inviterEmail: 'ada@builder.example',
  roleName: 'Admin',
  roleDescription: 'Everything in organizations and roles; can’t manage console users.',
  host: 'orgdesk.example.com',
  expiresAt: new Date('2026-12-05T12:00:00Z'),
  acceptUrl: 'http://localhost:3000/console-invite/preview-token',
};

export function consoleInvitationSubject(props: Pick<ConsoleInvitationEmailProps, 'host'>): string {
  return `You're invited to the Orgdesk console at ${props.host}`;
}

/** An invitation to the console's own team: console access with a console role, no organization. */
export function ConsoleInvitationEmail(props: ConsoleInvitationEmailProps) {
  return (
    <EmailLayout
      preview={`${props.inviterName ?? 'You are'} invited ${props.inviterName ? 'you ' : ''}to the Orgdesk console as ${props.roleName}.`}
    >
      <Heading as="h1" style={styles.heading}>
        Join the Orgdesk console
      </Heading>
      <Text style={styles.text}>
        {props.inviterEmail ? `${props.inviterName} (${props.inviterEmail}) invited you` : 'You are invited'} to the console at{' '}
        <strong>{props.host}</strong> as <strong>{props.roleName}</strong>: {props.roleDescription}
      </Text>
      <ActionButton href={props.acceptUrl}>View invitation</ActionButton>
      <Text style={styles.small}>The invitation expires on {formatLongDateTime(props.expiresAt)}.</Text>
      <Text style={styles.small}>Not expecting this? Ignore the email; nothing happens unless you accept.</Text>
    </EmailLayout>
  );
}

export function renderConsoleInvitation(props: ConsoleInvitationEmailProps = previewProps, senderName = 'Orgdesk'): Promise<RenderedEmail> {
  return renderEmail(
    consoleInvitationSubject(props),
    <ConsoleInvitationEmail {...props} />,
    `${props.inviterName ? `${props.inviterName} via ` : ''}${senderName}`,
  );
}
