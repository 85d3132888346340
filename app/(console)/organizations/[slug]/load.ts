import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { requireBuilderPage } from '@/lib/auth/require';
import { currentBuilder } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { findOrganizationBySlug, organizationNameBySlug } from '@/lib/organizations/queries';

/**
 * The workspace's organization, loaded once per request and shared by the layout and the section
 * page: the builder first (or sign in), then the organization (an old slug redirects, an unknown
 * one is not found).
 */
export const loadWorkspace = cache(async (slug: string, section = '') => {
  const builder = await requireBuilderPage(`/organizations/${slug}${section ? `/${section}` : ''}`);
  const now = new Date();
  const lookup = await findOrganizationBySlug(await db(), slug, now);
  if (lookup.kind === 'redirect') redirect(`/organizations/${lookup.slug}${section ? `/${section}` : ''}`);
  if (lookup.kind === 'missing') notFound();
  return { builder, organization: lookup.organization, now };
});

/** A section's title in the tab: "Members · Acme". Only builders see the organization's name. */
export function sectionMetadata(section: string | null) {
  return async ({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> => {
    const { slug } = await params;
    const name = (await currentBuilder()) ? await organizationNameBySlug(await db(), slug) : null;
    if (!name) return { title: section ?? 'Organization' };
    return { title: section ? `${section} · ${name}` : name };
  };
}
