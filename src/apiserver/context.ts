// What every handler gets: the cluster behind the server, the shared caches, and one request with
// its route, user, wanted representation and collected warnings.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FieldSelectorError, parseFieldSelector, requiredFieldValue, type FieldSelector } from '../api/fields.js';
import { parseSelector, ParseError, type Selector } from '../api/labels.js';
import { isNamespaced } from '../api/kinds.js';
import type { KObject } from '../api/object.js';
import type { Cluster } from '../cluster.js';
import type { UserInfo } from '../store/admission.js';
import type { ListOptions, Store } from '../store/store.js';
import type { ResourceInfo } from './apiResources.js';
import type { Representation } from './http.js';
import type { ListSnapshots } from './list.js';
import { HttpError } from './status.js';
import type { WatchCache } from './watchCache.js';

export interface ApiContext {
  cluster: Cluster;
  store: Store;
  watchCache: WatchCache;
  snapshots: ListSnapshots;
  /** Real milliseconds between BOOKMARK events on watches that allow them. */
  bookmarkIntervalMs: number;
  /** Closers of the open watches and log streams, so the server can end them on stop. */
  streams: Set<() => void>;
  /** `127.0.0.1:port`, for /api's serverAddressByClientCIDRs. */
  address: () => string;
}

export interface ResourceRoute {
  resource: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The deprecated `/watch/` path form. */
  watchPrefix?: boolean;
}

export interface ApiRequest {
  ctx: ApiContext;
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  query: URLSearchParams;
  user: UserInfo;
  representation: Representation;
  /** Texts of `Warning: 299 - "..."` headers to send. */
  warnings: string[];
  route: ResourceRoute;
}

export interface Selection {
  namespace?: string;
  labels?: Selector;
  fields?: FieldSelector;
  /** The one name a `metadata.name=` field selector pins. */
  name?: string;
  /** The node a pods `spec.nodeName=` field selector pins (the store indexes pods by node). */
  nodeName?: string;
}

/** The namespace, label and field selectors of a list or watch. */
export function selectionOf(r: ApiRequest): Selection {
  const { resource, namespace } = r.route;
  const sel: Selection = { namespace: resource.namespaced ? namespace : undefined };
  const labelText = r.query.get('labelSelector');
  if (labelText) {
    try {
      sel.labels = parseSelector(labelText);
    } catch (error) {
      if (error instanceof ParseError) throw new HttpError('BadRequest', error.message);
      throw error;
    }
  }
  const fieldText = r.query.get('fieldSelector');
  if (fieldText) {
    try {
      sel.fields = parseFieldSelector(fieldText, resource.stored?.kind);
    } catch (error) {
      if (error instanceof FieldSelectorError) throw new HttpError('BadRequest', error.message);
      throw error;
    }
    sel.name = requiredFieldValue(sel.fields, 'metadata.name');
    // `spec.nodeName=` (empty) asks for unscheduled pods, which the node index does not hold.
    if (resource.kind === 'Pod') sel.nodeName = requiredFieldValue(sel.fields, 'spec.nodeName') || undefined;
    const ns = requiredFieldValue(sel.fields, 'metadata.namespace');
    if (ns !== undefined && resource.namespaced && sel.namespace === undefined) sel.namespace = ns;
  }
  if (r.route.name !== undefined) sel.name = r.route.name;
  return sel;
}

export function matches(sel: Selection, obj: KObject): boolean {
  if (sel.namespace !== undefined && (obj.metadata.namespace ?? '') !== sel.namespace) return false;
  if (sel.name !== undefined && obj.metadata.name !== sel.name) return false;
  if (sel.labels && !sel.labels.matches(obj.metadata.labels)) return false;
  if (sel.fields && !sel.fields.matches(obj)) return false;
  return true;
}

/** The selected objects, found through the narrowest index the store has. */
export function selectObjects(store: Store, kind: string, sel: Selection): KObject[] {
  if (sel.name !== undefined) {
    if (sel.namespace === undefined && isNamespaced(kind)) {
      // A name across every namespace: the kind index, filtered.
      return store.list(kind, { labelSelector: sel.labels, fieldSelector: sel.fields }).filter((o) => o.metadata.name === sel.name);
    }
    const one = store.get(kind, sel.namespace, sel.name);
    return one && matches(sel, one) ? [one] : [];
  }
  const options: ListOptions = { namespace: sel.namespace, labelSelector: sel.labels, fieldSelector: sel.fields };
  if (sel.nodeName !== undefined) options.nodeName = sel.nodeName;
  return store.list(kind, options);
}

export function userAgentOf(r: ApiRequest): string | undefined {
  return r.req.headers['user-agent'];
}
