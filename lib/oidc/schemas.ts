import { z } from 'zod';

/** One address per line (a form's textarea) or an array (the API): blanks dropped, duplicates folded. */
function lines(value: unknown): unknown {
  const list = typeof value === 'string' ? value.split(/\r?\n/) : value;
  if (!Array.isArray(list)) return list;
  return [...new Set(list.map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== ''))];
}

/**
 * Where Orgdesk may send the browser back: https, or http on this machine's loopback (a local
 * development server), with no fragment. Pure.
 */
export function redirectUriProblem(value: string): string | null {
  if (!URL.canParse(value)) return `“${value}” isn’t a full address; start it with https://.`;
  const url = new URL(value);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return `“${value}” must start with https:// (http:// only for localhost).`;
  }
  if (url.hash) return `“${value}” can’t have a #fragment.`;
  return null;
}

const uriList = (what: string, min: number) =>
  z.preprocess(
    lines,
    z
      .array(z.string().max(2000, 'Each address: at most 2,000 characters.'), { error: `Enter the ${what}, one per line.` })
      .min(min, `Enter at least one ${what.replace(/s$/, '')}, like https://app.example.com/auth/callback.`)
      .max(20, 'At most 20 addresses.')
      .superRefine((uris, context) => {
        for (const uri of uris) {
          const problem = redirectUriProblem(uri);
          if (problem) context.addIssue({ code: 'custom', message: problem });
        }
      }),
  );

const name = z
  .string({ error: 'Name the application.' })
  .trim()
  .min(1, 'Name the application, like “Acme web app”.')
  .max(100, 'At most 100 characters.');

export const createApplicationSchema = z.object({
  name,
  redirectUris: uriList('redirect URIs', 1).describe('Where Orgdesk sends the browser back with the code (exact match).'),
  postLogoutRedirectUris: uriList('post-logout URIs', 0).optional().default([]),
});
export type CreateApplicationInput = z.infer<typeof createApplicationSchema>;

export const applicationRefSchema = z.object({ applicationId: z.uuid('Unknown application.') });
export type ApplicationRefInput = z.infer<typeof applicationRefSchema>;

export const updateApplicationSchema = applicationRefSchema.extend({
  name,
  redirectUris: uriList('redirect URIs', 1),
  postLogoutRedirectUris: uriList('post-logout URIs', 0).optional().default([]),
});
export type UpdateApplicationInput = z.infer<typeof updateApplicationSchema>;

export const rotateSigningKeySchema = z.object({});
