/**
 * The link check every email passes before it is sent: each link is absolute and on APP_URL's
 * origin, so no email carries a relative link (which mail clients resolve against nothing) or a
 * link to another host. Returns the links that fail, with why; empty when all pass.
 */
export function checkEmailLinks(html: string, appUrl: string): string[] {
  const origin = new URL(appUrl).origin;
  const problems: string[] = [];
  for (const match of html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)) {
    const href = match[1]!.replace(/&amp;/g, '&');
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      problems.push(`${href || '(empty)'}: not an absolute address`);
      continue;
    }
    if (url.origin !== origin) problems.push(`${href}: not on ${origin}`);
  }
  return problems;
}

/** The email's links, as the check sees them. */
export function emailLinks(html: string): string[] {
  return [...html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)].map((match) => match[1]!.replace(/&amp;/g, '&'));
}
