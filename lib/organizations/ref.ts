/**
 * An organization named by its id, or by its current slug: a workspace page lists a section by
 * slug, beside the lookup of the organization itself, in one round trip instead of two.
 */
export type OrganizationRef = string | { slug: string };

/** The where clause of an organization's own rows (members, invitations) for `ref`. */
export function ofOrganization(ref: OrganizationRef): { organizationId: string } | { organization: { slug: string } } {
  return typeof ref === 'string' ? { organizationId: ref } : { organization: { slug: ref.slug } };
}
