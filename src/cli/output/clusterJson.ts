// The scriptable face of a run: `{time, items, events, decisions}`, every object as Kubernetes JSON.
import { KINDS } from '../../api/kinds.js';
import type { KObject } from '../../api/object.js';
import type { Cluster } from '../../cluster.js';
import type { Decision } from '../../events/decisionLog.js';
import { redactSecret } from '../../api/secretRedaction.js';

export interface ClusterJson {
  time: number;
  items: KObject[];
  events: KObject[];
  decisions: Array<Omit<Decision, 'time'> & { time: number }>;
}

const kindOrder = new Map(KINDS.map((k, i) => [k.kind, i]));

export function sortObjects(objects: KObject[]): KObject[] {
  return [...objects].sort(
    (a, b) =>
      (kindOrder.get(a.kind) ?? 99) - (kindOrder.get(b.kind) ?? 99) ||
      (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

export interface ClusterJsonOptions {
  /** Print Secret values as stored (`--show-secrets`); by default they are masked (see secretRedaction.ts). */
  showSecrets?: boolean;
}

export function clusterJson(cluster: Cluster, options: ClusterJsonOptions = {}): ClusterJson {
  const all = cluster.store.all();
  const start = cluster.clock.startedAt;
  const events = all
    .filter((o) => o.kind === 'Event')
    .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return {
    time: cluster.clock.elapsedSeconds(),
    items: sortObjects(all.filter((o) => o.kind !== 'Event' && o.kind !== 'Lease')).map((o) => (options.showSecrets ? o : redactSecret(o))),
    events,
    decisions: cluster.decisions.query().map((d) => ({ ...d, time: (d.time - start) / 1000 })),
  };
}
