// PodInfo: what the scheduler needs to know about a pod, parsed once (requests, host ports, affinity
// terms, claims) when the pod enters the cache or an attempt starts, instead of on every node check.
import { LabelSelectorError, selectorFromLabelSelector, nothing, type Labels, type Selector } from '../api/labels.js';
import type { core, LabelSelector, Pod } from '../api/types.js';
import { podResources, type Resources } from './resources.js';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** A pod (anti-)affinity term with its selector and namespaces resolved (framework.AffinityTerm). */
export interface AffinityTerm {
  selector: Selector;
  /** Namespaces named by the term (the pod's own when it names none and has no namespaceSelector). */
  namespaces: ReadonlySet<string>;
  /** Undefined when the term has none; an empty selector selects every namespace. */
  namespaceSelector?: Selector;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** An inline volume that only one pod per node may mount (VolumeRestrictions' disk conflicts). */
export interface ExclusiveDisk {
  id: string;
  readOnly: boolean;
  /** AWS EBS volumes conflict even when both mounts are read-only. */
  sharableReadOnly: boolean;
}

export interface PodInfo {
  key: string;
  uid: string;
  name: string;
  namespace: string;
  pod: Pod;
  /** spec.nodeName (kept here too: the spreading counts read it for every matching pod). */
  nodeName: string | undefined;
  labels: Readonly<Record<string, string>>;
  priority: number;
  /** PreemptLowerPriority (default) or Never. */
  preemptionPolicy: string;
  requests: Resources;
  nonZero: { cpu: number; memory: number };
  hostPorts: HostPort[];
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
  /** Names of the PersistentVolumeClaims the pod mounts (ephemeral volumes included). */
  claims: string[];
  disks: ExclusiveDisk[];
  terminating: boolean;
  /** status.startTime in ms, for preemption's "latest start time" rule. */
  startTime?: number;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

function safeSelector(selector: LabelSelector | null | undefined): Selector {
  try {
    return selectorFromLabelSelector(selector);
  } catch (e) {
    if (e instanceof LabelSelectorError) return nothing();
    throw e;
  }
}

/** matchLabelKeys / mismatchLabelKeys fold the pod's own label values into the selector. */
function termSelector(term: core.PodAffinityTerm, labels: Labels): Selector {
  const own = labels ?? {};
  const extra: NonNullable<LabelSelector['matchExpressions']> = [];
  for (const key of term.matchLabelKeys ?? []) if (Object.hasOwn(own, key)) extra.push({ key, operator: 'In', values: [own[key]] });
  for (const key of term.mismatchLabelKeys ?? []) if (Object.hasOwn(own, key)) extra.push({ key, operator: 'NotIn', values: [own[key]] });
  if (!extra.length || !term.labelSelector) return safeSelector(term.labelSelector);
  return safeSelector({ ...term.labelSelector, matchExpressions: [...(term.labelSelector.matchExpressions ?? []), ...extra] });
}

function affinityTerm(pod: Pod, term: core.PodAffinityTerm): AffinityTerm {
  const ns = pod.metadata.namespace ?? 'default';
  const named = term.namespaces ?? [];
  const namespaces = new Set(named.length === 0 && !term.namespaceSelector ? [ns] : named);
  return {
    selector: termSelector(term, pod.metadata.labels),
    namespaces,
    namespaceSelector: term.namespaceSelector ? safeSelector(term.namespaceSelector) : undefined,
    topologyKey: term.topologyKey,
  };
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and carries matching labels. */
export function termMatches(term: AffinityTerm, pod: PodInfo, namespaceLabels: (ns: string) => Labels): boolean {
  if (!term.namespaces.has(pod.namespace)) {
    if (!term.namespaceSelector || !term.namespaceSelector.matches(namespaceLabels(pod.namespace))) return false;
  }
  return term.selector.matches(pod.labels);
}

export function matchesAllTerms(terms: readonly AffinityTerm[], pod: PodInfo, namespaceLabels: (ns: string) => Labels): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod, namespaceLabels)) return false;
  return true;
}

function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

function claimsOf(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

function disksOf(pod: Pod): ExclusiveDisk[] {
  const out: ExclusiveDisk[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.gcePersistentDisk) out.push({ id: `gce-pd/${v.gcePersistentDisk.pdName}`, readOnly: !!v.gcePersistentDisk.readOnly, sharableReadOnly: true });
    else if (v.awsElasticBlockStore) out.push({ id: `aws-ebs/${v.awsElasticBlockStore.volumeID}`, readOnly: false, sharableReadOnly: false });
    else if (v.iscsi) out.push({ id: `iscsi/${v.iscsi.iqn}/${v.iscsi.lun}`, readOnly: !!v.iscsi.readOnly, sharableReadOnly: true });
    else if (v.rbd) out.push({ id: `rbd/${v.rbd.pool ?? 'rbd'}/${v.rbd.image}`, readOnly: !!v.rbd.readOnly, sharableReadOnly: true });
  }
  return out;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

/** One empty list for every pod that has none of a kind (a PodInfo is never changed once built). */
const NONE: never[] = [];
const orNone = <T>(list: T[]): T[] => (list.length ? list : NONE);

export function buildPodInfo(pod: Pod, priority: number, preemptionPolicy = pod.spec?.preemptionPolicy ?? 'PreemptLowerPriority'): PodInfo {
  const affinity = pod.spec?.affinity;
  const required = (terms: core.PodAffinityTerm[] | undefined) => (terms ?? []).map((t) => affinityTerm(pod, t));
  const preferred = (terms: core.WeightedPodAffinityTerm[] | undefined) =>
    (terms ?? []).map((w) => ({ ...affinityTerm(pod, w.podAffinityTerm), weight: w.weight }));
  const start = pod.status?.startTime ? Date.parse(pod.status.startTime) : undefined;
  const resources = podResources(pod);
  return {
    key: podKey(pod),
    uid: pod.metadata.uid ?? '',
    name: pod.metadata.name ?? '',
    namespace: pod.metadata.namespace ?? 'default',
    pod,
    nodeName: pod.spec?.nodeName || undefined,
    labels: pod.metadata.labels ?? NO_LABELS,
    priority,
    preemptionPolicy,
    requests: resources.requests,
    nonZero: resources.nonZero,
    hostPorts: orNone(hostPortsOf(pod)),
    requiredAffinity: orNone(required(affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution)),
    requiredAntiAffinity: orNone(required(affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution)),
    preferredAffinity: orNone(preferred(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution)),
    preferredAntiAffinity: orNone(preferred(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution)),
    claims: orNone(claimsOf(pod)),
    disks: orNone(disksOf(pod)),
    terminating: !!pod.metadata.deletionTimestamp,
    startTime: start !== undefined && Number.isFinite(start) ? start : undefined,
  };
}
