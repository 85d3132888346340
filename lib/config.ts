import { z } from 'zod';
import { type BuilderList, parseBuilderList } from '@/lib/auth/builders';
import { type DatabaseTarget, resolveDatabaseTarget } from '@/lib/db/target';
import { normalizeEmail } from '@/lib/email/address';

/** Everything Orgdesk reads from the environment, validated once. */
export interface AppConfig {
  production: boolean;
  database: DatabaseTarget;
  appUrl: string;
  port: number;
  /** How many reverse proxies stand in front of the app; 0 ignores X-Forwarded-For. */
  trustedProxyHops: number;
  mail: { transport: 'smtp'; url: string } | { transport: 'dev-mailbox' };
  emailFrom: string;
  /** EMAIL_FROM's address alone, and its display name ("Orgdesk" when it has none). */
  emailFromAddress: string;
  emailFromName: string;
  builders: BuilderList;
  authSecret: string;
  /**
   * Origins that outbound fetches (SAML metadata, OIDC discovery) may reach although they are
   * plain http or on a private or loopback network: tests' local identity providers, or an
   * identity provider inside the builder's own network. Empty by default.
   */
  outboundAllowOrigins: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

// Only for development: a fixed secret so `npm run dev` needs no setup. Production must set its own.
const DEV_AUTH_SECRET = 'orgdesk-development-secret-do-not-use-in-production';

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const portRaw = value('PORT') ?? '3000';
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', `must be a port number from 1 to 65535 (got "${portRaw}").`);
  }

  const hopsRaw = value('TRUSTED_PROXY_HOPS') ?? '0';
  const trustedProxyHops = Number(hopsRaw);
  if (!/^\d+$/.test(hopsRaw) || trustedProxyHops > 10) {
    throw new ConfigError('TRUSTED_PROXY_HOPS', `must be the number of reverse proxies in front of Orgdesk, 0 to 10 (got "${hopsRaw}").`);
  }

  let database: DatabaseTarget;
  try {
    database = resolveDatabaseTarget(value('DATABASE_URL'));
  } catch (error) {
    throw new ConfigError('DATABASE_URL', (error as Error).message.replace(/^DATABASE_URL /, ''));
  }

  const appUrlRaw = value('APP_URL') ?? (production ? undefined : `http://localhost:${port}`);
  if (!appUrlRaw) throw new ConfigError('APP_URL', 'is required in production: the public base URL used in email links.');
  const appUrl = z.url({ protocol: /^https?$/ }).safeParse(appUrlRaw);
  if (!appUrl.success) throw new ConfigError('APP_URL', `must be an http(s) URL (got "${appUrlRaw}").`);

  const smtp = value('SMTP_URL');
  let mail: AppConfig['mail'];
  if (smtp) {
    if (!/^smtps?:\/\/[^/]/.test(smtp)) throw new ConfigError('SMTP_URL', 'must look like smtp://user:pass@host:587 or smtps://host:465.');
    mail = { transport: 'smtp', url: smtp };
  } else if (production) {
    throw new ConfigError('SMTP_URL', 'is required in production, so that sign-in links and invitations reach people.');
  } else {
    mail = { transport: 'dev-mailbox' };
  }

  const from = value('EMAIL_FROM') ?? 'Orgdesk <no-reply@orgdesk.localhost>';
  const fromAddress = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  if (/[\r\n]/.test(from) || !normalizeEmail(fromAddress)) {
    throw new ConfigError('EMAIL_FROM', 'must be an address, or "Name <address>", on one line.');
  }

  const adminRaw = value('ADMIN_EMAILS') ?? (production ? undefined : 'builder@orgdesk.localhost');
  if (!adminRaw) throw new ConfigError('ADMIN_EMAILS', 'is required: list the builders who may sign in (addresses or @domain).');
  const admins = parseBuilderList(adminRaw);
  if (!admins.ok) throw new ConfigError('ADMIN_EMAILS', `"${admins.entry}" is not an address or an @domain entry.`);
  if (admins.list.emails.size === 0 && admins.list.domains.size === 0) {
    throw new ConfigError('ADMIN_EMAILS', 'lists nobody: add at least one address or @domain.');
  }

  const authSecret = value('AUTH_SECRET') ?? (production ? undefined : DEV_AUTH_SECRET);
  if (!authSecret) throw new ConfigError('AUTH_SECRET', 'is required in production. Generate one with `openssl rand -base64 33`.');
  if (production && authSecret.length < 32) throw new ConfigError('AUTH_SECRET', 'must be at least 32 characters.');

  const outboundAllowOrigins: string[] = [];
  for (const entry of (value('OUTBOUND_ALLOW_ORIGINS') ?? '').split(/[\s,]+/).filter(Boolean)) {
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = 'null';
    }
    if (origin === 'null' || !/^https?:/.test(origin)) {
      throw new ConfigError(
        'OUTBOUND_ALLOW_ORIGINS',
        `must list http(s) origins such as https://idp.internal:8443, separated by commas (got "${entry}").`,
      );
    }
    outboundAllowOrigins.push(origin);
  }

  return {
    production,
    database,
    appUrl: appUrl.data.replace(/\/+$/, ''),
    port,
    trustedProxyHops,
    mail,
    emailFrom: from,
    emailFromAddress: fromAddress.trim(),
    emailFromName: /^\s*"?([^"<]*?)"?\s*</.exec(from)?.[1]?.trim() || 'Orgdesk',
    builders: admins.list,
    authSecret,
    outboundAllowOrigins,
  };
}

let cached: AppConfig | undefined;
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

/** For tests that change the environment. */
export function resetConfig() {
  cached = undefined;
}
