// `d`: the object as `kubectl describe` prints it, then its Events and the control plane's latest
// Decisions about it. Re-read from the store whenever the cluster changes. Under `--as` the page asks
// RBAC what kubectl describe would: get the object (refused: the 403 text instead of the page), then
// list its events (refused: the 403 text in place of the Events section).
import React, { useMemo } from 'react';
import type { KObject } from '../../api/object.js';
import { mustKind } from '../../api/kinds.js';
import type { Cluster } from '../../cluster.js';
import { refName } from '../../events/decisionLog.js';
import { describe } from '../../printers/describe/index.js';
import { getRefusal, listRefusal } from '../../rbac/asUser.js';
import type { UserInfo } from '../../store/admission.js';
import type { ViewInfo } from '../input/keyContext.js';
import type { TextPage } from '../model/pages.js';
import { sanitize, TextPane, type PaneLine } from './TextPane.js';

export interface TextViewProps {
  cluster: Cluster;
  page: TextPage;
  height: number;
  width: number;
  revision: number;
  viewInfo?: ViewInfo;
  /** `--as`: the user whose RBAC rights decide what the page may show. */
  user?: UserInfo;
}

/** The object a text page shows, or undefined once it is gone. */
export function pageObject(cluster: Cluster, page: TextPage): KObject | undefined {
  return cluster.store.get(page.ref.kind, page.ref.namespace, page.ref.name);
}

/** Under `--as`: the 403 kubectl would get for `get` of the page's object (describe, yaml), if refused. */
export function pageRefusal(cluster: Cluster, page: TextPage, user: UserInfo | undefined): string | undefined {
  return user ? getRefusal(cluster.store, user, page.ref.kind, page.ref.namespace, page.ref.name) : undefined;
}

export function goneText(page: TextPage): string {
  const info = mustKind(page.ref.kind);
  return `${info.plural} "${page.ref.name}" not found${page.ref.namespace ? ` in namespace ${page.ref.namespace}` : ''}: it was deleted (Esc goes back)`;
}

/** A refusal is the page's only text, wrapped like any line so all of it shows. */
export function refusalLines(message: string): PaneLine[] {
  return [{ text: sanitize(message) }];
}

/** Section titles (`Containers:`, `Events:`) stand out; the rest is plain. */
export function describeLines(text: string[]): PaneLine[] {
  return text.map((t) => {
    const line = sanitize(t);
    return /^[A-Z][A-Za-z -]*:/.test(line) ? { text: line, bold: true } : { text: line };
  });
}

export function DescribeView({ cluster, page, height, width, revision, viewInfo, user }: TextViewProps) {
  const refused = useMemo(() => pageRefusal(cluster, page, user), [revision, cluster, page.ref, user]);
  const obj = refused ? undefined : pageObject(cluster, page);
  const lines = useMemo(() => {
    if (refused) return refusalLines(refused);
    if (!obj) return [];
    const decisions = cluster.decisions.query({ object: page.ref, limit: 50 });
    // kubectl describe lists the object's events in its namespace (all of them for a cluster-scoped one).
    const eventsRefused = user ? listRefusal(cluster.store, user, 'Event', obj.metadata.namespace || undefined) : undefined;
    return describeLines(describe(obj, { now: cluster.clock.now(), store: cluster.store, decisions, decoded: page.decoded, width, eventsRefused }));
  }, [obj, refused, revision, page.decoded, cluster, width, user]);
  const filter = page.filter;
  const title = `describe ${page.ref.kind} ${refName(page.ref)}${page.decoded ? ' (decoded)' : ''}`;
  return <TextPane title={title} lines={lines} scroll={page.scroll} filter={filter} height={height} width={width} viewInfo={viewInfo} wrap={page.wrap !== false} empty={obj ? undefined : goneText(page)} />;
}

