import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

/** The frame every Orgdesk email shares: one column, system fonts, a footer saying who sent it. */
export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          {children}
          <Hr style={styles.hr} />
          <Text style={styles.footer}>Sent by Orgdesk</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The main action, as a button, with its address written out below for clients that drop buttons. */
export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <>
      <Section style={styles.buttonSection}>
        <Button href={href} style={styles.button}>
          {children}
        </Button>
      </Section>
      <Text style={styles.small}>
        If the button doesn’t work, paste this address into your browser:
        <br />
        <Link href={href} style={styles.link}>
          {href}
        </Link>
      </Text>
    </>
  );
}

export const styles = {
  body: {
    margin: 0,
    padding: '24px 0',
    backgroundColor: '#f6f7f9',
    fontFamily: '-apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
    color: '#111827',
  },
  container: {
    maxWidth: '560px',
    backgroundColor: '#ffffff',
    border: '1px solid #e5e7eb',
    borderRadius: '8px',
    padding: '32px',
  },
  heading: { fontSize: '20px', lineHeight: '28px', margin: '0 0 16px', fontWeight: 600 },
  text: { fontSize: '15px', lineHeight: '24px', margin: '0 0 12px' },
  small: { fontSize: '13px', lineHeight: '20px', color: '#4b5563', margin: '0 0 12px' },
  buttonSection: { margin: '24px 0' },
  button: {
    backgroundColor: '#1d4ed8',
    color: '#ffffff',
    padding: '12px 20px',
    borderRadius: '6px',
    textDecoration: 'none',
    fontWeight: 600,
    fontSize: '15px',
  },
  link: { color: '#1d4ed8', wordBreak: 'break-all' as const },
  notice: { backgroundColor: '#fef3c7', padding: '12px', borderRadius: '6px', fontSize: '14px', lineHeight: '20px', margin: '0 0 16px' },
  hr: { borderColor: '#e5e7eb', margin: '24px 0 12px' },
  footer: { fontSize: '12px', color: '#6b7280', margin: 0 },
};
