'use server';

import { revalidatePath } from 'next/cache';
import { currentBuilder } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import {
  resendInvitationCommand,
  reviewInvitationsCommand,
  revokeInvitationCommand,
  sendInvitationsCommand,
  sendTestInvitationCommand,
} from '@/lib/invitations/commands';
import { kickEmailDelivery } from '@/lib/scheduler';
import type { Result } from '@/lib/result';

type Previous = Result<unknown> | null;

async function refresh(organizationId: string) {
  const organization = await (await db()).organization.findUnique({ where: { id: organizationId }, select: { slug: true } });
  revalidatePath('/organizations');
  if (organization) revalidatePath(`/organizations/${organization.slug}`);
  // Mail goes out now rather than at the scheduler's next tick.
  kickEmailDelivery();
}

export async function reviewInvitationsAction(_previous: Previous, form: FormData) {
  return reviewInvitationsCommand(await currentBuilder(), form);
}

export async function sendInvitationsAction(_previous: Previous, form: FormData) {
  const result = await sendInvitationsCommand(await currentBuilder(), form);
  if (result.ok) await refresh(String(form.get('organizationId')));
  return result;
}

export async function sendTestInvitationAction(_previous: Previous, form: FormData) {
  const result = await sendTestInvitationCommand(await currentBuilder(), form);
  if (result.ok) await refresh(String(form.get('organizationId')));
  return result;
}

export async function resendInvitationAction(_previous: Previous, form: FormData) {
  const result = await resendInvitationCommand(await currentBuilder(), form);
  if (result.ok) await refresh(String(form.get('organizationId')));
  return result;
}

export async function revokeInvitationAction(_previous: Previous, form: FormData) {
  const result = await revokeInvitationCommand(await currentBuilder(), form);
  if (result.ok) await refresh(String(form.get('organizationId')));
  return result;
}
