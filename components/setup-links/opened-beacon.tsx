'use client';

import { useEffect } from 'react';

/**
 * Tells the server a browser showed the setup page: only a page that runs its script counts as
 * opened, so a mail scanner fetching the link records nothing.
 */
export function OpenedBeacon({ action }: { action: () => Promise<unknown> }) {
  useEffect(() => {
    action().catch(() => {
      // Recording the visit is a courtesy to the builder; the page works without it.
    });
  }, [action]);
  return null;
}
