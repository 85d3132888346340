import { z } from 'zod';
import { checkboxSchema } from '@/lib/commands/input';
import { slugProblem } from './slug';
import { ORGANIZATION_STATES, type OrganizationStateName } from './state';

export const ORGANIZATION_NAME_MAX = 100;

export const organizationNameSchema = z
  .string({ error: 'Enter a name.' })
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'Enter a name.')
      .max(ORGANIZATION_NAME_MAX, `Use at most ${ORGANIZATION_NAME_MAX} characters.`)
      // Names reach email headers later: no control characters, CR or LF.
      .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'Remove line breaks and control characters.'),
  );

export const slugSchema = z
  .string({ error: 'Enter a slug.' })
  .transform((value) => value.trim().toLowerCase())
  .superRefine((value, ctx) => {
    const problem = slugProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const createOrganizationSchema = z.object({
  name: organizationNameSchema.describe('Up to 100 characters.'),
  slug: slugSchema.describe('Lowercase letters, digits and hyphens; unique.'),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

export const organizationIdSchema = z.string().uuid('Unknown organization.');

export const renameOrganizationSchema = z.object({
  organizationId: organizationIdSchema,
  name: organizationNameSchema,
});
export type RenameOrganizationInput = z.infer<typeof renameOrganizationSchema>;

export const changeSlugSchema = z.object({
  organizationId: organizationIdSchema,
  slug: slugSchema,
});
export type ChangeSlugInput = z.infer<typeof changeSlugSchema>;

/** The REST API's update: a new name, a new slug, or both (at least one). */
export const updateOrganizationSchema = z
  .object({
    organizationId: organizationIdSchema,
    name: organizationNameSchema.optional().describe('A new name, up to 100 characters.'),
    slug: slugSchema.optional().describe('A new slug; the old one keeps redirecting in the console.'),
  })
  .refine((input) => input.name !== undefined || input.slug !== undefined, {
    message: 'Send a new name, a new slug, or both.',
    path: ['name'],
  });
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;

export const organizationRefSchema = z.object({ organizationId: organizationIdSchema });
export type OrganizationRefInput = z.infer<typeof organizationRefSchema>;

export const deleteOrganizationSchema = z.object({
  organizationId: organizationIdSchema,
  confirmSlug: z.string({ error: 'Type the slug to confirm.' }).trim().min(1, 'Type the slug to confirm.'),
});
export type DeleteOrganizationInput = z.infer<typeof deleteOrganizationSchema>;

export const ORGANIZATIONS_PAGE_SIZE = 25;

/** How the list can be sorted. Severity puts Needs attention first, then Setup, Pending, Ready, Active. */
export const ORGANIZATION_SORTS = ['severity', 'name', 'created', 'activity', 'launch'] as const;
export type OrganizationSort = (typeof ORGANIZATION_SORTS)[number];

export const SORT_LABELS: Record<OrganizationSort, string> = {
  severity: 'Needs attention first',
  name: 'Name, A to Z',
  created: 'Newest first',
  activity: 'Latest activity first',
  launch: 'Closest to launch first',
};

/** Under Needs action, Needs attention comes first; every other chip lists the newest first. */
export function defaultSort(filter: string): OrganizationSort {
  return filter === 'needs-action' ? 'severity' : 'created';
}

/**
 * A position in the sorted list: the sort key's value and the id (and, sorted by severity, the
 * state), as base64url JSON. An unreadable cursor is ignored (the first page), never an error.
 */
export interface ListCursor {
  state?: OrganizationStateName;
  value: string;
  id: string;
}

const cursorShape = z.object({
  s: z.enum(ORGANIZATION_STATES).optional(),
  v: z.string().max(400),
  i: z.string().uuid(),
});

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.state, v: cursor.value, i: cursor.id })).toString('base64url');
}

export function decodeListCursor(raw: string | undefined): ListCursor | undefined {
  if (!raw || raw.length > 800) return undefined;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? { state: parsed.data.s, value: parsed.data.v, id: parsed.data.i } : undefined;
  } catch {
    return undefined;
  }
}

export const organizationListQuerySchema = z.object({
  filter: z.enum(['needs-action', 'waiting', 'ready', 'live', 'all']).catch('all'),
  q: z
    .string()
    .transform((value) => value.trim().slice(0, 100))
    .catch(''),
  /** Absent: the chip's default sort. */
  sort: z.enum(ORGANIZATION_SORTS).optional().catch(undefined),
  /** "ready": only organizations whose every applicable launch check passes, not launched yet. */
  launch: z.enum(['ready']).optional().catch(undefined),
  /** Keyset pagination: rows after this cursor (next page) or before it (previous page). */
  after: z.string().max(800).optional().catch(undefined),
  before: z.string().max(800).optional().catch(undefined),
  /**
   * Where the page starts in the list (1-based), carried by the pager's links so the page can say
   * "26–50 of 1,234" from the stored counts with no extra count query. A hint: keyset decides rows.
   */
  at: z.coerce.number().int().min(1).max(100_000_000).optional().catch(undefined),
});
export type OrganizationListQuery = z.infer<typeof organizationListQuerySchema>;

/** Marking an organization as launched; overriding failing checks needs a reason. */
export const markLaunchedSchema = z
  .object({
    organizationId: organizationIdSchema,
    override: checkboxSchema,
    reason: z.string().trim().max(1000, 'Keep the reason under 1,000 characters.').default(''),
  })
  .superRefine((input, ctx) => {
    if (input.override && input.reason.length < 10) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why you launch despite failing checks (at least 10 characters).' });
    }
  });
export type MarkLaunchedInput = z.infer<typeof markLaunchedSchema>;

/** "Check now" runs one live step at a time, so the page shows progress. */
export const LAUNCH_LIVE_STEPS = ['domains', 'sso', 'invitation'] as const;
export const checkNowSchema = z.object({ organizationId: organizationIdSchema, step: z.enum(LAUNCH_LIVE_STEPS) });
export type CheckNowInput = z.infer<typeof checkNowSchema>;
