import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { requireBuilderPage } from '@/lib/auth/require';
import { currentBuilder } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { findOrganizationBySlug } from '@/lib/organizations/queries';

/** One organization lookup per request, whichever of the layout and the page asks first. */
const findCached = cache(async (slug: string) => findOrganizationBySlug(await db(), slug, new Date()));

/**
 * The workspace's organization, shared by the layout and the section page: the builder first (or
 * sign in, returning to this section), then the organization (an old slug redirects, an unknown
 * one is not found).
 */
export async function loadWorkspace(slug: string, section = '') {
  // The organization is looked up beside the session, not after it: one round trip, not two. It
  // is shown only once the builder is known.
  const pending = findCached(slug);
  pending.catch(() => undefined);
  const builder = await requireBuilderPage(`/organizations/${slug}${section ? `/${section}` : ''}`);
  const lookup = await pending;
  if (lookup.kind === 'redirect') redirect(`/organizations/${lookup.slug}${section ? `/${section}` : ''}`);
  if (lookup.kind === 'missing') notFound();
  return { builder, organization: lookup.organization, now: new Date() };
}

/** A section's title in the tab: "Members · Acme". Only builders see the organization's name. */
export function sectionMetadata(section: string | null) {
  return async ({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> => {
    const { slug } = await params;
    // The same cached lookup as the layout's and the page's: no query of its own.
    const lookup = (await currentBuilder()) ? await findCached(slug).catch(() => null) : null;
    const name = lookup?.kind === 'found' ? lookup.organization.name : null;
    if (!name) return { title: section ?? 'Organization' };
    return { title: section ? `${section} · ${name}` : name };
  };
}
