import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Writable } from 'node:stream';

/**
 * oidc-provider is a Koa application: it speaks Node's `(req, res)`. Route handlers speak the
 * Fetch API. This bridge hands it a Node-shaped request (the Fetch request's method, path, headers
 * and body) and collects what it writes into a Fetch `Response`, so the provider serves from a
 * Next.js route in development and production alike, with no custom server.
 */
class CollectedResponse extends Writable {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  private readonly headers = new Map<string, string | string[]>();
  private readonly chunks: Buffer[] = [];

  get finished() {
    return this.writableFinished;
  }
  setHeader(name: string, value: string | number | readonly string[]) {
    this.headers.set(name.toLowerCase(), Array.isArray(value) ? [...value] : String(value));
    return this;
  }
  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }
  getHeaders() {
    return Object.fromEntries(this.headers);
  }
  getHeaderNames() {
    return [...this.headers.keys()];
  }
  hasHeader(name: string) {
    return this.headers.has(name.toLowerCase());
  }
  removeHeader(name: string) {
    this.headers.delete(name.toLowerCase());
  }
  writeHead(status: number, reason?: string | Record<string, string>, headers?: Record<string, string>) {
    this.statusCode = status;
    const extra = typeof reason === 'object' ? reason : headers;
    for (const [name, value] of Object.entries(extra ?? {})) this.setHeader(name, value);
    return this;
  }
  flushHeaders() {}
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
    this.headersSent = true;
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    callback();
  }
  override _final(callback: (error?: Error | null) => void) {
    this.headersSent = true;
    callback();
  }

  toResponse(): Response {
    const headers = new Headers();
    for (const [name, value] of this.headers) {
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    const body = this.chunks.length ? Buffer.concat(this.chunks) : null;
    const status = this.statusCode;
    return new Response(status === 204 || status === 304 ? null : body, { status, headers });
  }
}

export interface BridgedRequest {
  method: string;
  /** The path and query as the provider sees them (below its mount point). */
  url: string;
  /** The full path and query, which tells the provider where it is mounted. */
  originalUrl: string;
  headers: Headers;
  body: ArrayBuffer | null;
  https: boolean;
  remoteAddress: string | null;
}

export function nodeRequest(request: BridgedRequest): IncomingMessage {
  const body = request.body?.byteLength ? Buffer.from(request.body) : null;
  const stream = Readable.from(body ? [body] : [], { objectMode: false });
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body) headers['content-length'] = String(body.length);
  else delete headers['content-length'];
  delete headers['transfer-encoding'];
  const socket = { encrypted: request.https, remoteAddress: request.remoteAddress ?? undefined };
  return Object.assign(stream, {
    method: request.method,
    url: request.url,
    originalUrl: request.originalUrl,
    headers,
    httpVersion: '1.1',
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    socket,
    connection: socket,
  }) as unknown as IncomingMessage;
}

export function collectedResponse(): CollectedResponse & ServerResponse {
  return new CollectedResponse() as CollectedResponse & ServerResponse;
}

/** Runs a Node `(req, res)` handler on a bridged request and returns what it answered. */
export async function runNodeHandler(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  request: BridgedRequest,
): Promise<Response> {
  const req = nodeRequest(request);
  const res = collectedResponse();
  const finished = new Promise<void>((resolve, reject) => {
    res.on('finish', () => resolve());
    res.on('error', reject);
  });
  await handler(req, res);
  await finished;
  return res.toResponse();
}
