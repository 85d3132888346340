import { serveOidc } from '@/lib/oidc/serve';

/** Orgdesk as an OpenID provider for the builder's applications (lib/oidc/). */
export const dynamic = 'force-dynamic';

export const GET = serveOidc;
export const POST = serveOidc;
export const OPTIONS = serveOidc;
