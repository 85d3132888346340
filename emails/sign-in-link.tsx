import { Heading, Text } from '@react-email/components';
import { ActionButton, EmailLayout, styles } from './components/email-layout';
import { type RenderedEmail, renderEmail } from './render';

export interface SignInLinkProps {
  url: string;
  host: string;
  expiresInMinutes: number;
  audience?: 'builder' | 'member';
}

export const previewProps: SignInLinkProps = {
  url: 'http://localhost:3000/login/verify?token=preview&email=builder%40orgdesk.localhost',
  host: 'localhost:3000',
  expiresInMinutes: 15,
};

export function SignInLinkEmail(props: SignInLinkProps) {
  const where = props.audience === 'member' ? 'see your organizations' : 'sign in to the console';
  return (
    <EmailLayout preview={`Your sign-in link for ${props.host}. It works once, within ${props.expiresInMinutes} minutes.`}>
      <Heading as="h1" style={styles.heading}>
        Sign in to Orgdesk
      </Heading>
      <Text style={styles.text}>
        Use this link to {where} at {props.host}. It works once, within {props.expiresInMinutes} minutes.
      </Text>
      <ActionButton href={props.url}>Sign in</ActionButton>
      <Text style={styles.small}>If you didn’t ask to sign in, ignore this email.</Text>
    </EmailLayout>
  );
}

export function renderSignInLink(props: SignInLinkProps = previewProps, senderName?: string): Promise<RenderedEmail> {
  return renderEmail('Sign in to Orgdesk', <SignInLinkEmail {...props} />, senderName);
}
