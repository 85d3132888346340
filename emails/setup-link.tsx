import { Heading, Text } from '@react-email/components';
import { formatLongDateTime } from '@/lib/format';
import { ActionButton, EmailLayout, styles } from './components/email-layout';
import { type RenderedEmail, renderEmail } from './render';

export interface SetupLinkEmailProps {
  organizationName: string;
  /** Who sent it, from the console. */
  senderEmail: string;
  /** What the link may set up, in words: "Domain verification and Single sign-on". */
  intents: string[];
  expiresAt: Date;
  setupUrl: string;
}

export const previewProps: SetupLinkEmailProps = {
  organizationName: 'Acme',
  senderEmail: 'ada@builder.example',
  intents: ['Domain verification', 'Single sign-on'],
  expiresAt: new Date('2026-12-05T12:00:00Z'),
  setupUrl: 'http://localhost:3000/setup/preview-token',
};

function listOf(items: string[]): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function setupLinkSubject(props: Pick<SetupLinkEmailProps, 'organizationName'>): string {
  return `Set up sign-in for ${props.organizationName}`;
}

/** A setup link for the customer's IT admin: what it sets up, who sent it, when it stops working. */
export function SetupLinkEmail(props: SetupLinkEmailProps) {
  return (
    <EmailLayout preview={`${props.senderEmail} asks you to set up ${listOf(props.intents).toLowerCase()} for ${props.organizationName}.`}>
      <Heading as="h1" style={styles.heading}>
        Set up {props.organizationName}
      </Heading>
      <Text style={styles.text}>
        {props.senderEmail} asks you to set up <strong>{listOf(props.intents).toLowerCase()}</strong> for{' '}
        <strong>{props.organizationName}</strong>. The page guides you step by step, with the exact values to copy.
      </Text>
      <ActionButton href={props.setupUrl}>Open the setup page</ActionButton>
      <Text style={styles.small}>
        The link works until {formatLongDateTime(props.expiresAt)}. Anyone with it can make these changes: don’t forward it.
      </Text>
      <Text style={styles.small}>Not expecting this? Ignore the email; nothing changes unless someone uses the page.</Text>
    </EmailLayout>
  );
}

export function renderSetupLink(props: SetupLinkEmailProps = previewProps, senderName = 'Orgdesk'): Promise<RenderedEmail> {
  return renderEmail(setupLinkSubject(props), <SetupLinkEmail {...props} />, senderName);
}
