import type { DbOrTx } from '@/lib/db/client';
import {
  isSetupIntent,
  SETUP_MILESTONES,
  type SetupIntent,
  type SetupLinkStatus,
  type SetupProgress,
  setupLinkStatus,
  setupProgress,
} from './intents';

/** How many of an organization's links its page lists, newest first. */
export const SETUP_LINKS_SHOWN = 50;

const MILESTONE_ACTIONS = [...new Set(Object.values(SETUP_MILESTONES).flatMap((list) => list.map((m) => m.action)))];

export interface SetupLinkRow {
  id: string;
  intents: SetupIntent[];
  sentTo: string | null;
  deliveryStatus: string | null;
  deliveryError: string | null;
  createdByEmail: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedByEmail: string | null;
  openedAt: Date | null;
  lastOpenedAt: Date | null;
  status: SetupLinkStatus;
  progress: SetupProgress[];
}

/**
 * An organization's setup links, newest first, each with its standing and how far its visitor got:
 * the milestones are the link's own audited actions. Two statements, whatever the number of links.
 */
export async function setupLinksOf(client: DbOrTx, organizationId: string, now: Date): Promise<{ rows: SetupLinkRow[]; total: number }> {
  const [links, total] = await Promise.all([
    client.setupLink.findMany({
      where: { organizationId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: SETUP_LINKS_SHOWN,
      select: {
        id: true,
        intents: true,
        sentTo: true,
        deliveryStatus: true,
        deliveryError: true,
        createdByEmail: true,
        createdAt: true,
        expiresAt: true,
        revokedAt: true,
        revokedByEmail: true,
        openedAt: true,
        lastOpenedAt: true,
      },
    }),
    client.setupLink.count({ where: { organizationId } }),
  ]);
  const events = links.length
    ? await client.auditEvent.findMany({
        where: { organizationId, actorKind: 'setup_link', actorId: { in: links.map((l) => l.id) }, action: { in: MILESTONE_ACTIONS } },
        select: { actorId: true, action: true, occurredAt: true, targetLabel: true },
      })
    : [];
  const rows = links.map((link) => {
    const intents = link.intents.filter(isSetupIntent);
    return {
      ...link,
      intents,
      status: setupLinkStatus(link, now),
      progress: setupProgress(
        intents,
        events.filter((e) => e.actorId === link.id),
      ),
    };
  });
  return { rows, total };
}
