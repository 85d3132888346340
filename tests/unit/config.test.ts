import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@/lib/config';
import { resolveDatabaseTarget } from '@/lib/db/target';

const production = {
  NODE_ENV: 'production',
  APP_URL: 'https://orgdesk.example.com',
  SMTP_URL: 'smtp://user:pass@smtp.example.com:587',
  ADMIN_EMAILS: 'ops@example.com',
  AUTH_SECRET: 'x'.repeat(40),
  DATABASE_URL: 'postgresql://orgdesk@db/orgdesk',
};

function configError(env: Record<string, string | undefined>) {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('ORGDESK_DEV no longer turns the production checks off', () => {
    const { SMTP_URL: _smtp, ...withoutSmtp } = production;
    expect(() => loadConfig({ ...withoutSmtp, ORGDESK_DEV: '1' })).toThrow(/SMTP_URL/);
  });

  it('accepts a complete production environment', () => {
    const config = loadConfig(production);
    expect(config.production).toBe(true);
    expect(config.mail).toEqual({ transport: 'smtp', url: production.SMTP_URL });
    expect(config.database).toEqual({ kind: 'postgres', url: production.DATABASE_URL });
  });

  it.each([
    ['SMTP_URL', { SMTP_URL: undefined }],
    ['APP_URL', { APP_URL: undefined }],
    ['APP_URL', { APP_URL: 'not a url' }],
    ['ADMIN_EMAILS', { ADMIN_EMAILS: undefined }],
    ['ADMIN_EMAILS', { ADMIN_EMAILS: 'ops@example.com, bogus' }],
    ['AUTH_SECRET', { AUTH_SECRET: undefined }],
    ['AUTH_SECRET', { AUTH_SECRET: 'short' }],
    ['PORT', { PORT: 'eighty' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db' }],
    ['EMAIL_FROM', { EMAIL_FROM: 'Orgdesk <ops@example.com>\r\nBcc: x@y.com' }],
    ['SMTP_URL', { SMTP_URL: 'http://smtp.example.com' }],
    ['TRUSTED_PROXY_HOPS', { TRUSTED_PROXY_HOPS: 'one' }],
    ['TRUSTED_PROXY_HOPS', { TRUSTED_PROXY_HOPS: '-1' }],
    ['TRUSTED_PROXY_HOPS', { TRUSTED_PROXY_HOPS: '11' }],
  ])('names %s when it is wrong in production', (variable, change) => {
    const error = configError({ ...production, ...change });
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('runs with no settings at all in development, on the dev mailbox and PGlite', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.production).toBe(false);
    expect(config.mail).toEqual({ transport: 'dev-mailbox' });
    expect(config.database.kind).toBe('pglite');
    expect(config.appUrl).toBe('http://localhost:3000');
    expect(config.trustedProxyHops).toBe(0);
  });

  it('reads how many proxies stand in front', () => {
    expect(loadConfig({ ...production, TRUSTED_PROXY_HOPS: '2' }).trustedProxyHops).toBe(2);
  });

  it('reads the origins outbound fetches may reach on private networks, and refuses anything but http(s) origins', () => {
    expect(loadConfig(production).outboundAllowOrigins).toEqual([]);
    const config = loadConfig({ ...production, OUTBOUND_ALLOW_ORIGINS: 'https://idp.internal:8443/path, http://127.0.0.1:4000' });
    expect(config.outboundAllowOrigins).toEqual(['https://idp.internal:8443', 'http://127.0.0.1:4000']);
    expect(() => loadConfig({ ...production, OUTBOUND_ALLOW_ORIGINS: 'idp.internal' })).toThrow(/OUTBOUND_ALLOW_ORIGINS/);
    expect(() => loadConfig({ ...production, OUTBOUND_ALLOW_ORIGINS: 'ftp://idp.internal' })).toThrow(/OUTBOUND_ALLOW_ORIGINS/);
  });
});

describe('resolveDatabaseTarget', () => {
  it.each([
    [undefined, 'pglite'],
    ['', 'pglite'],
    ['pglite:.data/x', 'pglite'],
    ['pglite:memory', 'pglite'],
    ['postgres://u@h/db', 'postgres'],
    ['postgresql://u@h/db', 'postgres'],
  ])('%j selects %s', (url, kind) => {
    expect(resolveDatabaseTarget(url, '/srv').kind).toBe(kind);
  });
  it('resolves PGlite folders against the working directory, and memory to none', () => {
    expect(resolveDatabaseTarget('pglite:.data/x', '/srv')).toEqual({ kind: 'pglite', dataDir: '/srv/.data/x' });
    expect(resolveDatabaseTarget(undefined, '/srv')).toEqual({ kind: 'pglite', dataDir: '/srv/.data/pglite' });
    expect(resolveDatabaseTarget('pglite:memory', '/srv')).toEqual({ kind: 'pglite', dataDir: null });
  });
  it('refuses other engines', () => {
    expect(() => resolveDatabaseTarget('mysql://h/db')).toThrow(/postgres/);
  });
});
