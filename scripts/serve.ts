/**
 * The production HTTP server that `npm start` runs (compiled into dist/start.mjs at build time): Next.js, with one rule in front of it.
 * `X-Forwarded-For` is rewritten to the single address that the trusted proxies vouch for
 * (TRUSTED_PROXY_HOPS, default 0: the socket's own address), so per-IP rate limits can't be
 * dodged by sending a made-up header.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { NextConfig } from 'next';
import next from 'next';
import { resolveClientAddress } from '../lib/http/forwarded';
import { hasMalformedEncoding } from '../lib/http/url';
import { configOrExit } from './boot';

export async function serve() {
  const config = configOrExit();
  // The configuration `next build` resolved and wrote down, so serving doesn't compile
  // next.config.ts again (which loads the native SWC compiler, 20+ MB, into the server for good).
  const built = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next', 'required-server-files.json'), 'utf8')) as {
    config: NextConfig;
  };
  // As the server Next.js writes for `output: 'standalone'` does: the built configuration, as is.
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(built.config);
  const app = next({ dev: false, dir: process.cwd(), port: config.port, conf: built.config });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    if (hasMalformedEncoding(req.url ?? '/')) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(
        'Bad request: the address has a malformed percent-encoding (a % not followed by two hex digits of valid UTF-8). Check the link.\n',
      );
      return;
    }
    req.headers['x-forwarded-for'] = resolveClientAddress(
      req.headers['x-forwarded-for'],
      req.socket.remoteAddress,
      config.trustedProxyHops,
    );
    delete req.headers['x-real-ip'];
    void handle(req, res);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EADDRINUSE' ? `port ${config.port} is already in use; stop what holds it or set PORT` : error.message;
    console.error(`\nOrgdesk can't start: ${reason}.\n`);
    process.exit(1);
  });
  server.listen(config.port, () => {
    console.log(`Orgdesk is serving ${config.appUrl} (port ${config.port}).`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Stop claiming background work and finish (or hand back) what this process holds, so a
    // restart repeats at most the email in flight instead of waiting out its lease.
    const scheduler = (globalThis as { __orgdeskScheduler?: { stop?: (graceMs?: number) => Promise<void> } }).__orgdeskScheduler;
    const drained = scheduler?.stop?.(20_000) ?? Promise.resolve();
    server.close(() => void drained.then(() => app.close()).finally(() => process.exit(0)));
    // Idle keep-alive sockets would hold close() open.
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 25_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
