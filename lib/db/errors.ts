import { Prisma } from '@/lib/generated/prisma/client';

/**
 * Whether a write lost to a unique index (a concurrent writer, or a row that already exists): from
 * a model query (P2002) or from a raw statement (P2010, with the driver's error as its cause).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined)
    ?.driverAdapterError?.cause;
  return error.code === 'P2010' && (cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === '23505');
}
