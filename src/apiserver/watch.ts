// Watches: a chunked stream of `{"type": ..., "object": ...}` lines. From resourceVersion N the
// stream replays the kept changes after N (410 Gone when they are no longer kept), then follows the
// store live; without one it starts with an ADDED event for every object. Objects that move into or
// out of the selection arrive as ADDED and DELETED, as from the watch cache. With
// allowWatchBookmarks the client gets BOOKMARK events; a watch whose client goes away, or falls too
// far behind, is closed and unsubscribed.
import type { KObject } from '../api/object.js';
import type { WatchEvent } from '../store/watch.js';
import { matches, selectObjects, selectionOf, type ApiRequest } from './context.js';
import { boolParam, intParam } from './http.js';
import { byKey } from './list.js';
import { HttpError } from './status.js';
import { includeObjectOf, partialMetadata, toTable } from './table.js';
import { toServedVersion } from './versions.js';
import { parseDuration } from '../api/duration.js';

/** A client this far behind (bytes buffered) is cut off rather than letting memory grow. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;
/** Without timeoutSeconds a watch ends after this long, as the apiserver's min-request-timeout does. */
const DEFAULT_TIMEOUT_S = 30 * 60;

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

function timeoutOf(r: ApiRequest): number {
  const seconds = intParam(r.query, 'timeoutSeconds');
  if (seconds !== undefined && seconds > 0) return seconds * 1000;
  const timeout = r.query.get('timeout');
  if (timeout) {
    try {
      return parseDuration(timeout);
    } catch {
      throw new HttpError('BadRequest', `invalid timeout: ${JSON.stringify(timeout)}`);
    }
  }
  return DEFAULT_TIMEOUT_S * 1000;
}

export function handleWatch(r: ApiRequest): void {
  const { ctx, route } = r;
  const res = route.resource;
  const kind = res.stored!.kind;
  const sel = selectionOf(r);
  const rvText = r.query.get('resourceVersion') ?? '';
  const sendInitial = boolParam(r.query, 'sendInitialEvents');
  const bookmarks = boolParam(r.query, 'allowWatchBookmarks');
  const rep = r.representation;
  const includeObject = rep.as === 'Table' ? includeObjectOf(r.query) : 'Metadata';
  const timeoutMs = timeoutOf(r);

  let replay: Array<{ type: EventType; object: KObject }> = [];
  const initial = sendInitial || rvText === '' || rvText === '0';
  if (!initial) {
    if (!/^\d+$/.test(rvText)) throw new HttpError('BadRequest', `invalid resource version: ${JSON.stringify(rvText)}`);
    const since = ctx.watchCache.since(kind, Number(rvText));
    if (!since) throw new HttpError('Expired', `too old resource version: ${rvText} (${ctx.watchCache.oldest(kind)})`);
    for (const e of since) {
      const t = transition(e, sel);
      if (t) replay.push(t);
    }
  } else {
    replay = selectObjects(ctx.store, kind, sel)
      .sort(byKey)
      .map((object) => ({ type: 'ADDED', object }));
  }

  const out = r.res;
  out.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  out.flushHeaders?.();
  let headersSent = false;
  let closed = false;

  const encode = (type: EventType, object: KObject | Record<string, unknown>): string => {
    let body: unknown = object;
    if (type !== 'BOOKMARK' && type !== 'ERROR') {
      const obj = object as KObject;
      if (rep.as === 'Table') {
        body = toTable([obj], {
          kind,
          version: rep.version,
          includeObject,
          served: (o) => toServedVersion(o, res),
          store: ctx.store,
          now: ctx.cluster.clock.now(),
          listMeta: { resourceVersion: obj.metadata.resourceVersion },
          noHeaders: headersSent,
        });
        headersSent = true;
      } else if (rep.as === 'PartialObjectMetadata') body = partialMetadata(obj, rep.version);
      else body = toServedVersion(obj, res);
    }
    return `${JSON.stringify({ type, object: body })}\n`;
  };

  const write = (line: string) => {
    if (closed) return;
    out.write(line);
    if (out.writableLength > MAX_BUFFERED_BYTES) close();
  };

  const bookmark = (extra: Record<string, string> = {}) => {
    const metadata: Record<string, unknown> = { resourceVersion: String(ctx.store.resourceVersion) };
    if (Object.keys(extra).length) metadata.annotations = extra;
    const obj = rep.as === 'Table' ? { kind: 'Table', apiVersion: `meta.k8s.io/${rep.version}`, metadata } : { kind: res.kind, apiVersion: res.groupVersion, metadata };
    write(`${JSON.stringify({ type: 'BOOKMARK', object: obj })}\n`);
  };

  const unsubscribe = ctx.store.watch(res.namespaced && sel.namespace !== undefined ? { kind, namespace: sel.namespace } : { kind }, (e) => {
    // Runs inside the store's publish loop: a failure here must end this watch, not the writer's work.
    try {
      const t = transition({ type: e.type, object: e.object, old: e.old }, sel);
      if (t) write(encode(t.type, t.object));
    } catch {
      close();
    }
  });
  const bookmarkTimer = bookmarks ? setInterval(() => bookmark(), ctx.bookmarkIntervalMs) : undefined;
  const timeoutTimer = setTimeout(() => close(), timeoutMs);
  bookmarkTimer?.unref?.();
  timeoutTimer.unref?.();

  function close(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(bookmarkTimer);
    clearTimeout(timeoutTimer);
    ctx.streams.delete(close);
    if (!out.destroyed) out.end();
  }
  ctx.streams.add(close);
  out.on('close', close);
  out.on('error', close);
  r.req.on('close', () => {
    if (r.req.destroyed && !out.writableEnded) close();
  });

  for (const e of replay) write(encode(e.type, e.object));
  if (sendInitial && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
}

/** How a change looks to a watcher with this selection (undefined: not its business). */
function transition(e: { type: WatchEvent['type']; object: KObject; old?: KObject }, sel: ReturnType<typeof selectionOf>): { type: EventType; object: KObject } | undefined {
  const now = matches(sel, e.object);
  if (e.type !== 'MODIFIED') return now || (e.old && matches(sel, e.old)) ? { type: e.type, object: e.object } : undefined;
  const before = e.old ? matches(sel, e.old) : now;
  if (now && before) return { type: 'MODIFIED', object: e.object };
  if (now) return { type: 'ADDED', object: e.object };
  if (before) return { type: 'DELETED', object: e.object };
  return undefined;
}
