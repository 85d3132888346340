import { handleScim } from '../../handler';

/** A directory's SCIM 2.0 endpoint: every method goes to the one adapter (../../handler.ts). */
type Params = { params: Promise<{ directoryId: string; path?: string[] }> };

async function handle(request: Request, { params }: Params) {
  const { directoryId, path } = await params;
  return handleScim(request, directoryId, path ?? []);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
