import { button, escapeHtml, htmlFrame, type RenderedEmail } from './layout';

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

export function renderSignInLink(props: SignInLinkProps = previewProps): RenderedEmail {
  const subject = `Sign in to Orgdesk`;
  const where = props.audience === 'member' ? 'see your organizations' : 'sign in to the console';
  const html = htmlFrame(
    subject,
    `<h1 style="font-size:20px;margin:0 0 16px">Sign in to Orgdesk</h1>
<p>Use this link to ${where} at ${escapeHtml(props.host)}. It works once, within ${props.expiresInMinutes} minutes.</p>
${button(props.url, 'Sign in')}
<p style="font-size:13px;color:#4b5563">If the button doesn’t work, paste this address into your browser:<br><a href="${escapeHtml(props.url)}">${escapeHtml(props.url)}</a></p>
<p style="font-size:13px;color:#4b5563">If you didn’t ask to sign in, ignore this email.</p>`,
  );
  const text = `Sign in to Orgdesk

Use this link to ${where} at ${props.host}. It works once, within ${props.expiresInMinutes} minutes.

${props.url}

If you didn't ask to sign in, ignore this email.
`;
  return { subject, html, text };
}
