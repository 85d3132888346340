import { z } from 'zod';
import { encodeTimeIdCursor, timeIdCursorSchema } from '@/lib/pagination';
import { slugProblem } from './slug';

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
  name: organizationNameSchema,
  slug: slugSchema,
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

export const organizationRefSchema = z.object({ organizationId: organizationIdSchema });
export type OrganizationRefInput = z.infer<typeof organizationRefSchema>;

export const deleteOrganizationSchema = z.object({
  organizationId: organizationIdSchema,
  confirmSlug: z.string({ error: 'Type the slug to confirm.' }).trim().min(1, 'Type the slug to confirm.'),
});
export type DeleteOrganizationInput = z.infer<typeof deleteOrganizationSchema>;

export const ORGANIZATIONS_PAGE_SIZE = 25;

/** A position in the list, ordered by creation time then id: `<ISO time>_<uuid>`. */
export const listCursorSchema = timeIdCursorSchema.transform(({ at, id }) => ({ createdAt: at, id }));
export type ListCursor = z.output<typeof listCursorSchema>;

export function encodeListCursor(row: { createdAt: Date; id: string }): string {
  return encodeTimeIdCursor(row.createdAt, row.id);
}

export const organizationListQuerySchema = z.object({
  filter: z.enum(['needs-action', 'waiting', 'ready', 'live', 'all']).catch('all'),
  q: z
    .string()
    .transform((value) => value.trim().slice(0, 100))
    .catch(''),
  /** Keyset pagination: rows after this cursor (next page) or before it (previous page). */
  after: listCursorSchema.optional().catch(undefined),
  before: listCursorSchema.optional().catch(undefined),
  /**
   * Where the page starts in the list (1-based), carried by the pager's links so the page can say
   * "26–50 of 1,234" from the stored counts with no extra count query. A hint: keyset decides rows.
   */
  at: z.coerce.number().int().min(1).max(100_000_000).optional().catch(undefined),
});
export type OrganizationListQuery = z.infer<typeof organizationListQuerySchema>;
