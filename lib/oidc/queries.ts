import type { DbOrTx } from '@/lib/db/client';

const LIST_LIMIT = 100;

/** The registered applications, newest first (a console holds a handful; the first 100 are listed, with the total). */
export async function listApplications(client: DbOrTx) {
  const [rows, total] = await Promise.all([
    client.application.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: LIST_LIMIT,
      select: { id: true, name: true, clientId: true, redirectUris: true, createdAt: true, lastSignInAt: true },
    }),
    client.application.count(),
  ]);
  return { rows, total };
}

export async function getApplication(client: DbOrTx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return client.application.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      clientId: true,
      secretPrefix: true,
      previousSecretExpiresAt: true,
      redirectUris: true,
      postLogoutRedirectUris: true,
      createdByEmail: true,
      createdAt: true,
      updatedAt: true,
      lastSignInAt: true,
    },
  });
}
