import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { requireBuilderPage } from '@/lib/auth/require';
import { currentBuilder } from '@/lib/auth/session';
import { type Db, db } from '@/lib/db/client';
import { findOrganizationBySlug } from '@/lib/organizations/queries';

/** One organization lookup per request, whichever of the layout and the page asks first. */
const findCached = cache(async (slug: string) => findOrganizationBySlug(await db(), slug, new Date()));

/**
 * The workspace's organization, shared by the layout and the section page: the builder first (or
 * sign in, returning to this section), then the organization (an old slug redirects, an unknown
 * one is not found).
 */
export function loadWorkspace(slug: string, section = '') {
  return loadWorkspaceWith(slug, section, async () => undefined);
}

/**
 * `loadWorkspace`, with the section's own rows (`load`, by slug) read beside the session and the
 * organization: one round trip, not three in a row. Nothing is shown until the builder is known.
 */
export async function loadWorkspaceWith<T>(slug: string, section: string, load: (client: Db, now: Date) => Promise<T>) {
  const now = new Date();
  const pending = findCached(slug);
  const rows = db().then((client) => load(client, now));
  // Whatever fails is thrown below, once the builder is known; never as an unhandled rejection.
  pending.catch(() => undefined);
  rows.catch(() => undefined);
  const builder = await requireBuilderPage(`/organizations/${slug}${section ? `/${section}` : ''}`);
  const lookup = await pending;
  if (lookup.kind === 'redirect') redirect(`/organizations/${lookup.slug}${section ? `/${section}` : ''}`);
  if (lookup.kind === 'missing') notFound();
  return { builder, organization: lookup.organization, now, data: await rows };
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
