import { render } from '@react-email/render';
import type { ReactElement } from 'react';

/** An email ready to send: its subject, and the HTML and plain-text parts of one React component. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The display name the email goes out under (the address stays EMAIL_FROM's). */
  fromName?: string;
}

/** Both parts from the same element: the plain text is the HTML's words and links. */
export async function renderEmail(subject: string, element: ReactElement, fromName?: string): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text, fromName };
}
