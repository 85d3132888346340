import crypto from 'node:crypto';
import type { RoleKey } from '@/lib/access/roles';
import type { DbOrTx } from '@/lib/db/client';
import type {
  ActivityKind,
  ConnectionStatus,
  DeliveryStatus,
  DomainStatus,
  InvitationStatus,
  MembershipSource,
  MembershipStatus,
} from '@/lib/generated/prisma/client';

/**
 * Low-level record writers for demo data and test factories. They write facts only: the caller
 * recomputes the organization's state afterwards, inside the same transaction.
 */

export async function addMember(
  tx: DbOrTx,
  organizationId: string,
  email: string,
  options: { role?: RoleKey; status?: MembershipStatus; joinedVia?: MembershipSource; createdAt?: Date; lastSignInAt?: Date } = {},
) {
  const user = await tx.user.upsert({
    where: { email },
    create: { email, emailVerified: new Date() },
    update: {},
    select: { id: true },
  });
  return tx.membership.create({
    data: {
      organizationId,
      userId: user.id,
      role: options.role ?? 'member',
      status: options.status ?? 'active',
      joinedVia: options.joinedVia ?? 'invitation',
      lastSignInAt: options.lastSignInAt ?? null,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
  });
}

export async function addInvitation(
  tx: DbOrTx,
  organizationId: string,
  email: string,
  options: {
    role?: RoleKey;
    status?: InvitationStatus;
    deliveryStatus?: DeliveryStatus;
    deliveryError?: string | null;
    expiresAt: Date;
    isTest?: boolean;
    createdAt?: Date;
    /** A test invitation: the template and sender it went out with (lib/invitations/fingerprint.ts). */
    templateFingerprint?: string;
  },
) {
  return tx.invitation.create({
    data: {
      organizationId,
      email,
      role: options.role ?? 'member',
      status: options.status ?? 'pending',
      deliveryStatus: options.deliveryStatus ?? 'sent',
      deliveryError: options.deliveryError ?? null,
      expiresAt: options.expiresAt,
      isTest: options.isTest ?? false,
      templateFingerprint: options.templateFingerprint ?? null,
      // A hash of a token nobody holds: these records can't be accepted.
      tokenHash: crypto.randomBytes(32).toString('hex'),
      sendCount: options.deliveryStatus === 'queued' ? 0 : 1,
      // The database holds these: accepted and revoked invitations carry when.
      acceptedAt: options.status === 'accepted' ? (options.createdAt ?? new Date()) : null,
      revokedAt: options.status === 'revoked' ? (options.createdAt ?? new Date()) : null,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
  });
}

export async function addDomain(
  tx: DbOrTx,
  organizationId: string,
  name: string,
  options: { status?: DomainStatus; dependents?: string[]; verifiedAt?: Date } = {},
) {
  // A verified domain was checked when it was verified, and says so.
  const verifiedAt = options.status === 'verified' ? (options.verifiedAt ?? new Date()) : null;
  return tx.domain.create({
    data: {
      organizationId,
      name,
      status: options.status ?? 'pending',
      dependents: options.dependents ?? [],
      verifiedAt,
      ...(verifiedAt
        ? {
            createdAt: verifiedAt,
            pendingSince: verifiedAt,
            lastCheckedAt: verifiedAt,
            lastCheckResult: 'Verified: the record is in place.',
          }
        : {}),
    },
  });
}

/** An SSO connection (generic SAML) with its status and certificates, for demo data and tests. */
export async function addSsoConnection(
  tx: DbOrTx,
  organizationId: string,
  options: {
    name?: string;
    status: ConnectionStatus;
    enabled?: boolean;
    certificates?: { pem: string; notBefore: Date; notAfter: Date }[];
  },
) {
  return tx.ssoConnection.create({
    data: {
      organizationId,
      name: options.name ?? 'Identity provider',
      protocol: 'saml',
      provider: 'generic_saml',
      status: options.status,
      enabled: options.enabled ?? true,
      certificates: {
        create: (options.certificates ?? []).map((certificate) => ({
          ...certificate,
          fingerprint: crypto.createHash('sha256').update(certificate.pem).digest('hex'),
        })),
      },
    },
  });
}

export async function setDirectory(tx: DbOrTx, organizationId: string, status: ConnectionStatus) {
  return tx.directory.upsert({ where: { organizationId }, create: { organizationId, status }, update: { status } });
}

export async function addActivity(
  tx: DbOrTx,
  organizationId: string,
  occurredAt: Date,
  options: { kind?: ActivityKind; actorEmail?: string | null } = {},
) {
  return tx.endUserActivity.create({
    data: { organizationId, occurredAt, kind: options.kind ?? 'api_event', actorEmail: options.actorEmail ?? null },
  });
}
