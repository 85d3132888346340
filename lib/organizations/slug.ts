/** Slug rules. Pure. */

export const SLUG_MIN = 2;
export const SLUG_MAX = 48;
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Words that would collide with the console's own routes or read as official. */
export const RESERVED_SLUGS = new Set([
  'new',
  'api',
  'admin',
  'administrator',
  'login',
  'logout',
  'signin',
  'signout',
  'signup',
  'register',
  'dev',
  'account',
  'accounts',
  'invite',
  'invites',
  'invitation',
  'invitations',
  'organizations',
  'organization',
  'orgs',
  'settings',
  'auth',
  'static',
  'public',
  'assets',
  'app',
  'www',
  'help',
  'support',
  'dashboard',
  'system',
  'root',
  'null',
  'undefined',
  'orgdesk',
  'scim',
  'sso',
  'billing',
  'edit',
  'delete',
  'mailbox',
]);

// Letters that NFKD does not split into a base letter and a mark.
const LATIN_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ŋ: 'n',
  ħ: 'h',
  ŧ: 't',
};

/** "Café Münster" -> "cafe-munster". Returns '' when the name has too few Latin letters or digits. */
export function slugify(name: string): string {
  const folded = name
    .toLowerCase()
    .replace(/[ßæœøđðłþıŋħŧ]/g, (ch) => LATIN_FOLDS[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
  let slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > SLUG_MAX) slug = slug.slice(0, SLUG_MAX).replace(/-+$/, '');
  return slug.length >= SLUG_MIN ? slug : '';
}

/** Why a slug is unacceptable, in words a builder can act on; null when it is fine. */
export function slugProblem(slug: string): string | null {
  if (slug.length === 0) return 'Enter a slug.';
  if (slug.length < SLUG_MIN) return `Use at least ${SLUG_MIN} characters.`;
  if (slug.length > SLUG_MAX) return `Use at most ${SLUG_MAX} characters.`;
  if (/[^a-z0-9-]/.test(slug)) return 'Use only lowercase letters a–z, digits and hyphens.';
  if (slug.startsWith('-') || slug.endsWith('-')) return 'Don’t start or end the slug with a hyphen.';
  if (slug.includes('--')) return 'Use single hyphens only.';
  if (!SLUG_PATTERN.test(slug)) return 'Use only lowercase letters a–z, digits and single hyphens.';
  if (RESERVED_SLUGS.has(slug)) return `“${slug}” is reserved. Choose another slug.`;
  return null;
}

export function isValidSlug(slug: string): boolean {
  return slugProblem(slug) === null;
}

/** The first free variant of `base`: base, base-2, base-3, … within SLUG_MAX. */
export function suggestFreeSlug(base: string, isTaken: (slug: string) => boolean): string {
  const root = base.slice(0, SLUG_MAX);
  if (!isTaken(root) && isValidSlug(root)) return root;
  for (let n = 2; n < 10_000; n++) {
    const suffix = `-${n}`;
    const candidate = `${root.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
  throw new Error('No free slug found');
}
