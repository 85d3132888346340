import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';

const base: NextConfig = {
  // PGlite loads its WASM and data files at run time; bundling it breaks every request.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'nodemailer', 'oidc-provider'],
  poweredByHeader: false,
  typedRoutes: false,
  // Metadata (the page title) is rendered in <head> before the page, never streamed after it, so
  // a screen reader announces the right title as soon as a page loads.
  htmlLimitedBots: /.*/,
  // Forms refuse oversized input with a message (the address list stops at 50,000 characters, in the
  // browser and on the server); this limit only has to sit comfortably above that.
  experimental: {
    serverActions: { bodySizeLimit: '2mb' },
    // Routes load when first requested, not all at start: a console whose builders use a few
    // pages keeps only those in memory.
    preloadEntriesOnStart: false,
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
          // Pages carrying one-time tokens in their URL never leak them to other sites. (Not
          // no-referrer: that makes browsers send `Origin: null`, which the POST checks refuse.)
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
      {
        // The invitation page's URL carries its token: it must never leak in a Referer.
        source: '/invite/:token*',
        headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
      },
    ];
  },
};

/**
 * `next dev` builds into .next-dev, apart from the production build in .next: a dev server
 * started after `npm run build` (or beside `npm start`) never reads the other's files, which sent
 * it into a reload loop.
 */
export default function nextConfig(phase: string): NextConfig {
  return phase === PHASE_DEVELOPMENT_SERVER ? { ...base, distDir: '.next-dev' } : base;
}
