// The order in which filtering walks the nodes: kube-scheduler's node tree takes one node from each
// zone in turn, so that stopping after numFeasibleNodesToFind nodes still samples every zone.
import type { NodeInfo } from './nodeInfo.js';

const REGION = 'topology.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const LEGACY_REGION = 'failure-domain.beta.kubernetes.io/region';
const LEGACY_ZONE = 'failure-domain.beta.kubernetes.io/zone';

/** utilnode.GetZoneKey: `region:\x00:zone`, or '' for a node with neither label. */
export function zoneKey(labels: Readonly<Record<string, string>>): string {
  const region = labels[REGION] ?? labels[LEGACY_REGION] ?? '';
  const zone = labels[ZONE] ?? labels[LEGACY_ZONE] ?? '';
  if (!region && !zone) return '';
  return `${region}:\x00:${zone}`;
}

export function interleaveByZone(nodes: readonly NodeInfo[]): NodeInfo[] {
  const zones = new Map<string, NodeInfo[]>();
  for (const n of nodes) {
    const key = zoneKey(n.labels);
    let list = zones.get(key);
    if (!list) zones.set(key, (list = []));
    list.push(n);
  }
  if (zones.size <= 1) return [...nodes];
  const lists = [...zones.values()];
  const out: NodeInfo[] = [];
  for (let i = 0; out.length < nodes.length; i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}
