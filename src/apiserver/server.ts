// The API server kubectl talks to: HTTPS on 127.0.0.1 only, with a certificate it makes itself,
// accepting only its own bearer token (401 otherwise). It authenticates the token's user (or the
// user it impersonates), authorizes the request with the RBAC authorizer, routes it, and answers
// every failure, however malformed the request, with a Status.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../cluster.js';
import { authorizeNonResource, authorizeResource, handleReview, impersonatedUser } from './authz.js';
import { generateTlsMaterial, type TlsMaterial } from './certificates.js';
import type { ApiContext, ApiRequest } from './context.js';
import { AGGREGATED_V2, AGGREGATED_V2BETA1, aggregated, coreVersions, group, groupList, resourceList, versionInfo } from './discovery.js';
import { negotiate, parseMediaTypes, sendJson, sendStatus } from './http.js';
import { writeKubeconfig } from './kubeconfig.js';
import { ListSnapshots } from './list.js';
import { handleMetrics } from './metrics.js';
import { openApiV2, openApiV3Document, openApiV3Index } from './openapi.js';
import { parsePath } from './requestInfo.js';
import { handleResource } from './resources.js';
import { failure, HttpError, statusFromError } from './status.js';
import { handleSubresource } from './subresources.js';
import { WatchCache } from './watchCache.js';

export { ADMIN_USER, ADMIN_GROUPS } from './authz.js';

export interface ApiServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The bearer token to accept; a random one by default. */
  token?: string;
  /** Real milliseconds between watch bookmarks (default 60 s, as kube-apiserver). */
  bookmarkIntervalMs?: number;
  tls?: TlsMaterial;
  /** Called with unexpected (500) errors, for the command's log. */
  onError?: (error: unknown) => void;
}

export class ApiServer {
  readonly token: string;
  readonly tls: TlsMaterial;
  private server: Server | undefined;
  private readonly ctx: ApiContext;
  private port = 0;

  constructor(
    readonly cluster: Cluster,
    private readonly options: ApiServerOptions = {},
  ) {
    this.token = options.token ?? randomBytes(32).toString('base64url');
    this.tls = options.tls ?? generateTlsMaterial();
    this.ctx = {
      cluster,
      store: cluster.store,
      watchCache: new WatchCache(cluster.store),
      snapshots: new ListSnapshots(),
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      streams: new Set(),
      address: () => `127.0.0.1:${this.port}`,
    };
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    const server = createServer({ key: this.tls.key, cert: this.tls.cert }, (req, res) => void this.handle(req, res));
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    return this.url;
  }

  /** Ends every watch and log stream, closes the socket, and stops recording history. */
  async stop(): Promise<void> {
    for (const close of [...this.ctx.streams]) close();
    this.ctx.watchCache.dispose();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  writeKubeconfig(path: string): void {
    writeKubeconfig(path, { server: this.url, caCert: this.tls.caCert, token: this.token });
  }

  /** Open watches and log streams (for tests of clean-up). */
  get openStreams(): number {
    return this.ctx.streams.size;
  }

  // ---- request handling -----------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.serve(req, res);
    } catch (error) {
      const status = statusFromError(error);
      if (status.code >= 500) this.options.onError?.(error);
      if (res.headersSent) {
        if (!res.writableEnded) res.end();
      } else sendStatus(res, status);
    }
  }

  private authenticate(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match) return false;
    const given = Buffer.from(match[1].trim());
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'https://127.0.0.1');
    } catch {
      throw new HttpError('BadRequest', 'malformed request URL');
    }
    if (!this.authenticate(req)) {
      // Drain the body so the connection stays usable, then refuse.
      req.resume();
      sendStatus(res, failure('Unauthorized', 'Unauthorized'));
      return;
    }
    const user = impersonatedUser(this.cluster.store, req);
    const method = (req.method ?? 'GET').toUpperCase();
    const endpoint = parsePath(url.pathname);
    if (endpoint.type !== 'resource') {
      authorizeNonResource(this.cluster.store, user, method, url.pathname);
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return this.serveNonResource(endpoint, req, res, url);
    }
    const route = endpoint.route;
    authorizeResource(this.cluster.store, user, method, route, url.searchParams);
    const r: ApiRequest = { ctx: this.ctx, req, res, method, query: url.searchParams, user, representation: { as: 'object' }, warnings: [], route };
    r.representation = negotiate(req.headers.accept);
    if (!route.resource.stored) {
      if (route.resource.group === 'metrics.k8s.io') return handleMetrics(r);
      return handleReview(r);
    }
    if (route.subresource) return handleSubresource(r);
    return handleResource(r);
  }

  private serveNonResource(endpoint: ReturnType<typeof parsePath>, req: IncomingMessage, res: ServerResponse, url: URL): void {
    const accept = parseMediaTypes(req.headers.accept);
    const aggregatedType = accept.find((m) => m.params.as === 'APIGroupDiscoveryList' && m.params.g === 'apidiscovery.k8s.io' && (m.params.v === 'v2' || m.params.v === 'v2beta1'));
    switch (endpoint.type) {
      case 'version':
        return sendJson(res, 200, versionInfo());
      case 'health':
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      case 'coreVersions':
      case 'groups': {
        const core = endpoint.type === 'coreVersions';
        if (aggregatedType) {
          const v2 = aggregatedType.params.v === 'v2';
          return sendJson(res, 200, aggregated(core, v2 ? 'apidiscovery.k8s.io/v2' : 'apidiscovery.k8s.io/v2beta1'), v2 ? AGGREGATED_V2 : AGGREGATED_V2BETA1);
        }
        return sendJson(res, 200, core ? coreVersions(this.ctx.address()) : groupList());
      }
      case 'group': {
        const doc = group(endpoint.group);
        if (!doc) throw new HttpError('NotFound', 'the server could not find the requested resource');
        return sendJson(res, 200, doc);
      }
      case 'resourceList': {
        const doc = resourceList(endpoint.groupVersion);
        if (!doc) throw new HttpError('NotFound', 'the server could not find the requested resource');
        return sendJson(res, 200, doc);
      }
      case 'openapiV2':
        return openApiV2(req, res);
      case 'openapiV3':
        return sendJson(res, 200, openApiV3Index());
      case 'openapiV3Document':
        return openApiV3Document(endpoint.groupVersion, url, res);
      case 'badPath':
        throw new HttpError('BadRequest', `malformed request path: ${url.pathname.slice(0, 200)}`);
      default:
        throw new HttpError('NotFound', 'the server could not find the requested resource');
    }
  }
}
