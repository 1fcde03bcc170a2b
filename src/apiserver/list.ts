// Lists: the selected objects in key order (namespace, then name, as etcd returns them), cut into
// pages by `limit` and `continue`. The first page of a chunked list keeps the matching objects (the
// store's own immutable versions, no copies), so later pages are consistent with the first and cost
// nothing to find: `kubectl get pods -A` at 150,000 pods is a few hundred cheap pages.
import { randomUUID } from 'node:crypto';
import type { KObject } from '../api/object.js';
import { byNamespaceThenName } from '../api/objectOrder.js';
import { selectObjects, selectionOf, type ApiRequest } from './context.js';
import { intParam, sendJson } from './http.js';
import { HttpError } from './status.js';
import { includeObjectOf, partialMetadata, toTable } from './table.js';
import { toServedVersion } from './versions.js';

interface Snapshot {
  items: KObject[];
  resourceVersion: string;
  createdAt: number;
}

/** How long (real ms) an unfinished chunked list keeps its snapshot; kubectl's pages follow in milliseconds. */
const SNAPSHOT_TTL_MS = 5 * 60 * 1000;
const MAX_SNAPSHOTS = 32;

export class ListSnapshots {
  private readonly byId = new Map<string, Snapshot>();

  put(items: KObject[], resourceVersion: string): string {
    this.expire();
    const id = randomUUID();
    this.byId.set(id, { items, resourceVersion, createdAt: Date.now() });
    while (this.byId.size > MAX_SNAPSHOTS) this.byId.delete(this.byId.keys().next().value!);
    return id;
  }

  get(id: string): Snapshot | undefined {
    this.expire();
    return this.byId.get(id);
  }

  drop(id: string): void {
    this.byId.delete(id);
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, s] of this.byId) if (now - s.createdAt > SNAPSHOT_TTL_MS) this.byId.delete(id);
  }
}

interface ContinueToken {
  /** Snapshot id. */
  s: string;
  /** Offset of the next item. */
  o: number;
  rv: string;
}

function encodeToken(t: ContinueToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeToken(text: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof t.s === 'string' && Number.isInteger(t.o) && t.o >= 0 && typeof t.rv === 'string') return t;
  } catch {
    // fall through
  }
  throw new HttpError('BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

/** The order the apiserver lists in (watch, metrics and collection deletes use it too). */
export const byKey = byNamespaceThenName;

/** One page of a list (or all of it), and the list metadata to send with it. */
function page(r: ApiRequest): { items: KObject[]; meta: Record<string, unknown> } {
  const { ctx, query } = r;
  const limit = intParam(query, 'limit');
  const cont = query.get('continue');
  let items: KObject[];
  let rv: string;
  let offset = 0;
  let snapshotId: string | undefined;
  if (cont) {
    const token = decodeToken(cont);
    const snapshot = ctx.snapshots.get(token.s);
    if (!snapshot) {
      throw new HttpError(
        'Expired',
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      );
    }
    ({ items, resourceVersion: rv } = snapshot);
    offset = token.o;
    snapshotId = token.s;
  } else {
    items = selectObjects(ctx.store, r.route.resource.stored!.kind, selectionOf(r)).sort(byKey);
    rv = String(ctx.store.resourceVersion);
  }
  const meta: Record<string, unknown> = { resourceVersion: rv };
  if (!limit || limit <= 0 || offset + limit >= items.length) {
    if (snapshotId) ctx.snapshots.drop(snapshotId);
    return { items: items.slice(offset), meta };
  }
  snapshotId ??= ctx.snapshots.put(items, rv);
  const next = offset + limit;
  meta.continue = encodeToken({ s: snapshotId, o: next, rv });
  meta.remainingItemCount = items.length - next;
  return { items: items.slice(offset, next), meta };
}

/** An item as lists carry it: without kind and apiVersion, which the list itself names. */
function listItem(obj: KObject): Record<string, unknown> {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = obj;
  return rest;
}

export function handleList(r: ApiRequest): void {
  const res = r.route.resource;
  const { items, meta } = page(r);
  const served = (o: KObject) => toServedVersion(o, res);
  const rep = r.representation;
  if (rep.as === 'Table') {
    const table = toTable(items, {
      kind: res.stored!.kind,
      version: rep.version,
      includeObject: includeObjectOf(r.query),
      served,
      store: r.ctx.store,
      now: r.ctx.cluster.clock.now(),
      listMeta: meta,
    });
    sendJson(r.res, 200, table, 'application/json', warningHeaders(r));
    return;
  }
  if (rep.as === 'PartialObjectMetadata') {
    const list = { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${rep.version}`, metadata: meta, items: items.map((o) => partialMetadata(o, rep.version)) };
    sendJson(r.res, 200, list, 'application/json', warningHeaders(r));
    return;
  }
  const list = { kind: `${res.kind}List`, apiVersion: res.groupVersion, metadata: meta, items: items.map((o) => listItem(served(o))) };
  sendJson(r.res, 200, list, 'application/json', warningHeaders(r));
}

/** `Warning: 299 - "text"` headers, as the apiserver sends them. */
export function warningHeaders(r: ApiRequest): Record<string, string[]> {
  if (!r.warnings.length) return {};
  return { Warning: r.warnings.map((w) => `299 - ${JSON.stringify(w)}`) };
}
