import { Prisma } from '@/lib/generated/prisma/client';

/** Whether a write lost to a unique index (a concurrent writer, or a row that already exists). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
