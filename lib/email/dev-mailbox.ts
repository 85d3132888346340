import type { DbOrTx } from '@/lib/db/client';

export const DEV_MAILBOX_PAGE_SIZE = 50;

export async function storeDevMail(client: DbOrTx, message: { to: string; from: string; subject: string; html: string; text: string }) {
  return client.devMailboxMessage.create({ data: message, select: { id: true } });
}

export async function listDevMail(client: DbOrTx, page = 1) {
  const [messages, total] = await Promise.all([
    client.devMailboxMessage.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * DEV_MAILBOX_PAGE_SIZE,
      take: DEV_MAILBOX_PAGE_SIZE,
      select: { id: true, to: true, subject: true, createdAt: true },
    }),
    client.devMailboxMessage.count(),
  ]);
  return { messages, total, pageCount: Math.max(1, Math.ceil(total / DEV_MAILBOX_PAGE_SIZE)) };
}

export async function getDevMail(client: DbOrTx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return client.devMailboxMessage.findUnique({ where: { id } });
}
