import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { requireBuilderPage } from '@/lib/auth/require';
import { currentBuilder } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { findOrganizationBySlug, organizationNameBySlug } from '@/lib/organizations/queries';

/** One organization lookup per request, whichever of the layout and the page asks first. */
const findCached = cache(async (slug: string) => findOrganizationBySlug(await db(), slug, new Date()));

/**
 * The workspace's organization, shared by the layout and the section page: the builder first (or
 * sign in, returning to this section), then the organization (an old slug redirects, an unknown
 * one is not found).
 */
export async function loadWorkspace(slug: string, section = '') {
  const builder = await requireBuilderPage(`/organizations/${slug}${section ? `/${section}` : ''}`);
  const lookup = await findCached(slug);
  if (lookup.kind === 'redirect') redirect(`/organizations/${lookup.slug}${section ? `/${section}` : ''}`);
  if (lookup.kind === 'missing') notFound();
  return { builder, organization: lookup.organization, now: new Date() };
}

/** A section's title in the tab: "Members · Acme". Only builders see the organization's name. */
export function sectionMetadata(section: string | null) {
  return async ({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> => {
    const { slug } = await params;
    const name = (await currentBuilder()) ? await organizationNameBySlug(await db(), slug) : null;
    if (!name) return { title: section ?? 'Organization' };
    return { title: section ? `${section} · ${name}` : name };
  };
}
