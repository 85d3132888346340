import type { MembershipSource } from '@/lib/generated/prisma/client';

/** How a member joined, in the members list's words. */
export const JOINED_VIA_LABELS: Record<MembershipSource, string> = {
  invitation: 'Invitation',
  auto_join: 'Auto-join',
  sso: 'SSO',
  directory: 'Directory',
  api: 'API',
};
