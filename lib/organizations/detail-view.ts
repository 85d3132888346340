import { z } from 'zod';
import { invitationStatusFilterSchema } from '@/lib/invitations/schemas';
import { pageNumberSchema } from '@/lib/pagination';

/** What a workspace section's URL selects: the invitation filter and search, and each list's page. */
export const detailViewSchema = z.object({
  invitations: invitationStatusFilterSchema,
  invitationSearch: z.string().trim().max(254).catch(''),
  invitationsPage: pageNumberSchema,
  membersPage: pageNumberSchema,
  memberSearch: z.string().trim().max(254).catch(''),
});
export type DetailView = z.infer<typeof detailViewSchema>;

/** A workspace section's URL showing `view`; defaults stay out of the URL. */
export function organizationSectionHref(slug: string, section: 'members' | 'invitations', view: DetailView): string {
  const search = new URLSearchParams();
  if (section === 'invitations') {
    if (view.invitations !== 'all') search.set('invitations', view.invitations);
    if (view.invitationSearch) search.set('invitationSearch', view.invitationSearch);
    if (view.invitationsPage > 1) search.set('invitationsPage', String(view.invitationsPage));
  }
  if (section === 'members') {
    if (view.memberSearch) search.set('memberSearch', view.memberSearch);
    if (view.membersPage > 1) search.set('membersPage', String(view.membersPage));
  }
  const query = search.toString();
  return `/organizations/${slug}/${section}${query ? `?${query}` : ''}`;
}
