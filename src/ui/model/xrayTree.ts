// The xray tree: each object of a kind and what it owns, down to containers, with a health mark and
// a status line per node. Children come from the store's indexes (owner uid, labels, names), never
// from a scan of the cluster; the tree stops at MAX_XRAY_ROWS rows and says how much it left out.
import { mustKind } from '../../api/kinds.js';
import { selectorFromSet } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';
import type { Pod } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';
import { refOf, type ObjectRef } from '../../events/decisionLog.js';
import type { Health } from '../../printers/columns.js';
import { containerState, stateHealth } from './containerRows.js';
import { parseFilter } from './resourceTable.js';
import { objectHealth, objectStatus } from './xrayStatus.js';

export const MAX_XRAY_ROWS = 2000;

/** Kinds whose xray shows more than the object itself. */
export const XRAY_KINDS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Pod', 'PersistentVolumeClaim'];

export interface XrayRow {
  depth: number;
  /** Kind shown in the line (`Container` for containers, `ConfigMap` for a missing one too). */
  kind: string;
  name: string;
  /** The object a row stands for; a container row points at its pod. */
  ref: ObjectRef;
  container?: string;
  status: string;
  health: Health;
  /** Box-drawing prefix, computed once the rows are known. */
  prefix: string;
}

export interface XrayTree {
  rows: XrayRow[];
  roots: number;
  /** Roots left out because the tree reached MAX_XRAY_ROWS. */
  omittedRoots: number;
}

type Node = Omit<XrayRow, 'prefix'>;

function byName(a: KObject, b: KObject): number {
  return `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);
}

function objectNode(cluster: Cluster, obj: KObject, depth: number): Node {
  return { depth, kind: obj.kind, name: obj.metadata.name ?? '', ref: refOf(obj), status: objectStatus(obj), health: objectHealth(cluster, obj) };
}

/** A ConfigMap, Secret or claim a pod refers to: a leaf that says whether it exists. */
/** Whether the viewer may list this kind in this namespace (under `--as`; everything otherwise). */
export type CanList = (kind: string, namespace: string | undefined) => boolean;

const EVERYTHING: CanList = () => true;

function referenceNode(cluster: Cluster, kind: string, namespace: string | undefined, name: string, depth: number): Node {
  const obj = cluster.store.get(kind, namespace, name);
  if (obj) return objectNode(cluster, obj, depth);
  return { depth, kind, name, ref: { kind, namespace, name }, status: 'missing', health: 'error' };
}

function owned(cluster: Cluster, obj: KObject, kind: string, canList: CanList): KObject[] {
  if (!canList(kind, obj.metadata.namespace)) return [];
  return cluster.store.list(kind, { namespace: obj.metadata.namespace, ownerUid: obj.metadata.uid }).sort(byName);
}

function podReferences(pod: Pod): Array<[string, string]> {
  const refs = new Map<string, [string, string]>();
  const add = (kind: string, name: string | undefined) => name && refs.set(`${kind}/${name}`, [kind, name]);
  for (const v of pod.spec?.volumes ?? []) {
    add('PersistentVolumeClaim', v.persistentVolumeClaim?.claimName);
    add('ConfigMap', v.configMap?.name);
    add('Secret', v.secret?.secretName);
  }
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const e of c.env ?? []) {
      add('ConfigMap', e.valueFrom?.configMapKeyRef?.name);
      add('Secret', e.valueFrom?.secretKeyRef?.name);
    }
    for (const e of c.envFrom ?? []) {
      add('ConfigMap', e.configMapRef?.name);
      add('Secret', e.secretRef?.name);
    }
  }
  return [...refs.values()];
}

/** Appends a node and its subtree; returns false once the row budget is spent. */
function walk(cluster: Cluster, obj: KObject, depth: number, out: Node[], canList: CanList): boolean {
  if (out.length >= MAX_XRAY_ROWS) return false;
  out.push(objectNode(cluster, obj, depth));
  const ns = obj.metadata.namespace;
  const children: KObject[] = [];
  switch (obj.kind) {
    case 'Deployment':
      children.push(...owned(cluster, obj, 'ReplicaSet', canList));
      break;
    case 'CronJob':
      children.push(...owned(cluster, obj, 'Job', canList));
      break;
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      children.push(...owned(cluster, obj, 'Pod', canList));
      break;
    case 'Service': {
      const selector = obj.spec?.selector as Record<string, string> | undefined;
      if (selector && Object.keys(selector).length && canList('Pod', ns)) children.push(...cluster.store.list('Pod', { namespace: ns, labelSelector: selectorFromSet(selector) }).sort(byName));
      const ep = canList('Endpoints', ns) ? cluster.store.get('Endpoints', ns, obj.metadata.name!) : undefined;
      if (ep) children.push(ep);
      break;
    }
    case 'PersistentVolumeClaim': {
      const pv = obj.spec?.volumeName && canList('PersistentVolume', undefined) ? cluster.store.get('PersistentVolume', undefined, obj.spec.volumeName) : undefined;
      if (pv) children.push(pv);
      break;
    }
    case 'Pod': {
      const pod = obj as Pod;
      const statuses = new Map([...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((s) => [s.name, s]));
      for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
        if (out.length >= MAX_XRAY_ROWS) return false;
        const s = statuses.get(c.name);
        const state = containerState(s?.state);
        out.push({
          depth: depth + 1,
          kind: 'Container',
          name: c.name,
          ref: refOf(obj),
          container: c.name,
          status: `${state}${s?.ready ? ', ready' : ''}${s?.restartCount ? `, ${s.restartCount} restarts` : ''} (${c.image ?? ''})`,
          health: stateHealth(state, s?.ready ?? false),
        });
      }
      for (const [kind, name] of podReferences(pod)) {
        if (out.length >= MAX_XRAY_ROWS) return false;
        if (!canList(kind, ns)) continue;
        const claim = kind === 'PersistentVolumeClaim' ? cluster.store.get(kind, ns, name) : undefined;
        if (claim) {
          if (!walk(cluster, claim, depth + 1, out, canList)) return false;
        } else out.push(referenceNode(cluster, kind, ns, name, depth + 1));
      }
      break;
    }
  }
  for (const child of children) if (!walk(cluster, child, depth + 1, out, canList)) return false;
  return true;
}

/** Rows that match the filter, with the path above them and everything below them. */
function filterTree(nodes: Node[], filter: string): Node[] {
  const { regex, inverse } = parseFilter(filter);
  if (!regex) return nodes;
  const matches = nodes.map((n) => regex.test(`${n.kind} ${n.name} ${n.status}`) !== inverse);
  const keep = [...matches];
  // Backwards: a row whose subtree holds a match stays, so the match keeps its path.
  const keptBelow: boolean[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const d = nodes[i].depth;
    for (let deeper = d + 1; deeper < keptBelow.length; deeper++) {
      if (keptBelow[deeper]) keep[i] = true;
      keptBelow[deeper] = false;
    }
    keptBelow[d] = (keptBelow[d] ?? false) || keep[i];
  }
  // Forwards: everything under a match stays, so a matched pod still shows its containers.
  let underMatchAt = -1;
  nodes.forEach((n, i) => {
    if (underMatchAt >= 0 && n.depth <= underMatchAt) underMatchAt = -1;
    if (underMatchAt >= 0) keep[i] = true;
    else if (matches[i]) underMatchAt = n.depth;
  });
  return nodes.filter((_, i) => keep[i]);
}

/** `├─ `, `└─ ` and `│  ` from the depths alone. */
function withPrefixes(nodes: Node[]): XrayRow[] {
  const isLast = nodes.map((n, i) => {
    for (let j = i + 1; j < nodes.length; j++) {
      if (nodes[j].depth < n.depth) return true;
      if (nodes[j].depth === n.depth) return false;
    }
    return true;
  });
  const open: boolean[] = [];
  return nodes.map((n, i) => {
    open.length = n.depth;
    let prefix = '';
    for (let d = 1; d < n.depth; d++) prefix += open[d] ? '│  ' : '   ';
    if (n.depth > 0) prefix += isLast[i] ? '└─ ' : '├─ ';
    open[n.depth] = !isLast[i];
    return { ...n, prefix };
  });
}

/** The tree of each `kind` object and what it owns; parts the viewer may not list are left out. */
export function buildXray(cluster: Cluster, kind: string, namespace: string | undefined, filter = '', canList: CanList = EVERYTHING): XrayTree {
  const info = mustKind(kind);
  const roots = cluster.store.list(kind, { namespace: info.namespaced ? namespace : undefined }).sort(byName);
  const nodes: Node[] = [];
  let done = 0;
  for (const root of roots) {
    if (!walk(cluster, root, 0, nodes, canList)) break;
    done++;
  }
  return { rows: withPrefixes(filterTree(nodes, filter)), roots: roots.length, omittedRoots: roots.length - done };
}
