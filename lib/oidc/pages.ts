import { escapeMarkup } from '@/lib/format';

/**
 * The few pages oidc-provider renders itself (the sign-out question, its answer, and errors a
 * browser lands on), as plain accessible HTML in Orgdesk's look. Pure.
 */

const STYLE = `body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0}
main{max-width:28rem;margin:4rem auto;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem;padding:2rem}
h1{font-size:1.25rem;margin:0 0 1rem}p{line-height:1.5}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{font:inherit;border-radius:.375rem;padding:.5rem 1rem;border:1px solid #cbd5e1;background:#fff;color:#0f172a;cursor:pointer}
button.primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
button:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
code{background:#f1f5f9;padding:.1rem .3rem;border-radius:.25rem;word-break:break-all}`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(title)} · Orgdesk</title><style>${STYLE}</style></head>
<body><main id="main"><h1>${escapeMarkup(title)}</h1>${body}</main></body></html>`;
}

/** The end-session question: the provider's form (its hidden xsrf field) and the two answers. */
export function signOutPage(form: string, application: string | undefined): string {
  const from = application ? ` of ${escapeMarkup(application)} and Orgdesk` : ' of Orgdesk';
  return page(
    'Sign out?',
    `<p>You asked to sign out${from}.</p>${form}
<div class="actions"><button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></div>`,
  );
}

export function signedOutPage(application: string | undefined): string {
  return page(
    'You’re signed out',
    `<p>You signed out${application ? ` of ${escapeMarkup(application)}` : ''}. You can close this tab.</p>`,
  );
}

/** An error a browser lands on: what went wrong, and what to do next. */
export function errorPage(out: { error?: unknown; error_description?: unknown }): string {
  const description = out.error_description ? `<p>${escapeMarkup(out.error_description)}</p>` : '';
  return page(
    'Sign-in couldn’t continue',
    `${description}<p>Error code: <code>${escapeMarkup(out.error ?? 'server_error')}</code></p>
<p>Go back to the application and start signing in again. If it keeps happening, tell the application’s team this code.</p>`,
  );
}
