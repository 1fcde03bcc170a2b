// HTTP plumbing shared by the handlers: reading bounded bodies, writing JSON, and reading what the
// client accepts (plain JSON, a Table, metadata only, aggregated discovery).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, type Status } from './status.js';

/** The apiserver's limit for a request body (3 MiB), so a runaway client cannot exhaust memory. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError('RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => failed || resolve(Buffer.concat(chunks)));
    req.on('error', (e) => failed || reject(e));
  });
}

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json', headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(code, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

export function sendStatus(res: ServerResponse, status: Status, headers: Record<string, string | string[]> = {}): void {
  sendJson(res, status.code, status, 'application/json', headers);
}

export interface MediaType {
  type: string; // `application/json`
  params: Record<string, string>;
}

export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((s) => s.trim());
      const out: MediaType = { type: type.toLowerCase(), params: {} };
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq > 0) out.params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
      }
      return out;
    })
    .filter((m) => m.type);
}

export type Representation =
  | { as: 'object' }
  | { as: 'Table'; version: 'v1' | 'v1beta1' }
  | { as: 'PartialObjectMetadata'; version: 'v1' | 'v1beta1'; list: boolean };

const isJson = (m: MediaType) => m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*';

/**
 * What the response should be, from the Accept header: the first acceptable choice in the client's
 * order. A client that accepts only protobuf or YAML gets 406, as from a real server.
 */
export function negotiate(accept: string | undefined): Representation {
  const types = parseMediaTypes(accept);
  if (!types.length) return { as: 'object' };
  for (const m of types) {
    if (!isJson(m)) continue;
    const as = m.params.as;
    const version = m.params.v === 'v1beta1' ? 'v1beta1' : 'v1';
    if (!as) return { as: 'object' };
    if (m.params.g !== 'meta.k8s.io') continue;
    if (as === 'Table') return { as: 'Table', version };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { as: 'PartialObjectMetadata', version, list: as.endsWith('List') };
  }
  throw new HttpError('NotAcceptable', `only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io, application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io`);
}

/** The media type of a request body, without parameters. */
export function contentTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
}

/** `true`/`1` for boolean query parameters, as the apiserver's conversion reads them. */
export function boolParam(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v === 'true' || v === '1' || v === '';
}

export function intParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw new HttpError('BadRequest', `invalid value for ${name}: ${JSON.stringify(v)}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}
