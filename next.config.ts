import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files at run time; bundling it breaks every request.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'nodemailer'],
  poweredByHeader: false,
  typedRoutes: false,
  // Metadata (the page title) is rendered in <head> before the page, never streamed after it, so
  // a screen reader announces the right title as soon as a page loads.
  htmlLimitedBots: /.*/,
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

export default nextConfig;
