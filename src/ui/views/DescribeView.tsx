// `d`: the object as `kubectl describe` prints it, then its Events and the control plane's latest
// Decisions about it. Re-read from the store whenever the cluster changes.
import React, { useMemo } from 'react';
import type { KObject } from '../../api/object.js';
import { mustKind } from '../../api/kinds.js';
import type { Cluster } from '../../cluster.js';
import { refName } from '../../events/decisionLog.js';
import { describe } from '../../printers/describe/index.js';
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
}

/** The object a text page shows, or undefined once it is gone. */
export function pageObject(cluster: Cluster, page: TextPage): KObject | undefined {
  return cluster.store.get(page.ref.kind, page.ref.namespace, page.ref.name);
}

export function goneText(page: TextPage): string {
  const info = mustKind(page.ref.kind);
  return `${info.plural} "${page.ref.name}" not found${page.ref.namespace ? ` in namespace ${page.ref.namespace}` : ''}: it was deleted (Esc goes back)`;
}

/** Section titles (`Containers:`, `Events:`) stand out; the rest is plain. */
export function describeLines(text: string[]): PaneLine[] {
  return text.map((t) => {
    const line = sanitize(t);
    return /^[A-Z][A-Za-z -]*:/.test(line) ? { text: line, bold: true } : { text: line };
  });
}

export function DescribeView({ cluster, page, height, width, revision, viewInfo }: TextViewProps) {
  const obj = pageObject(cluster, page);
  const lines = useMemo(() => {
    if (!obj) return [];
    const decisions = cluster.decisions.query({ object: page.ref, limit: 50 });
    return describeLines(describe(obj, { now: cluster.clock.now(), store: cluster.store, decisions, decoded: page.decoded }));
  }, [obj, revision, page.decoded, cluster]);
  const filter = page.filter;
  const title = `describe ${page.ref.kind} ${refName(page.ref)}${page.decoded ? ' (decoded)' : ''}`;
  return <TextPane title={title} lines={lines} scroll={page.scroll} filter={filter} height={height} width={width} viewInfo={viewInfo} wrap={page.wrap !== false} empty={obj ? undefined : goneText(page)} />;
}

