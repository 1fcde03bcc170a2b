// The replica formula of podautoscaler's replica_calculator.go, as pure functions: sort the target's
// pods into ready / unready / missing / ignored (groupPods), compare usage with the target, and
// propose ceil(ratio × pods) — keeping the current count inside the tolerance, filling in missing
// and unready pods so that a guess never causes a scale in the wrong direction.
//
// Values are in milli-units, as the Go code keeps them (MilliValue): cpu in millicores, memory in
// thousandths of a byte.
import { milliValue, tryParseQuantity } from '../../api/quantity.js';
import type { Container, Pod } from '../../api/types.js';

/** One pod's sample from the resource metrics API. */
export interface PodSample {
  /** Milli-units (millicores, milli-bytes). */
  value: number;
  /** When the sample was taken (epoch ms). */
  timestamp: number;
  /** The span the sample covers (a CPU rate needs two scrapes). */
  windowMs: number;
}

export type PodMetricsInfo = Map<string, PodSample>;

export interface CalculatorSettings {
  /** --horizontal-pod-autoscaler-tolerance */
  tolerance: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period */
  cpuInitializationPeriodMs: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay */
  delayOfInitialReadinessStatusMs: number;
}

export const DEFAULT_CALCULATOR_SETTINGS: CalculatorSettings = {
  tolerance: 0.1,
  cpuInitializationPeriodMs: 5 * 60_000,
  delayOfInitialReadinessStatusMs: 30_000,
};

/** A metric that cannot be computed; the message is the one Kubernetes reports. */
export class MetricError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricError';
  }
}

export type PodState = 'ready' | 'unready' | 'missing' | 'ignored';

export interface PodLine {
  pod: string;
  state: PodState;
  /** Why the pod is not counted as ready, in words. */
  note?: string;
  usage?: number;
  request?: number;
}

export interface PodGroups {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
  notes: Map<string, string>;
}

/** How the proposal came about (which branch of the Go function returned). */
export type Outcome =
  | 'within-tolerance'
  | 'ratio'
  | 'fill-in'
  | 'fill-in-within-tolerance'
  | 'fill-in-reverses'
  | 'fill-in-count-reverses';

export interface ReplicaProposal {
  replicas: number;
  usageRatio: number;
  /** The ratio recomputed with missing and unready pods filled in, when that happened. */
  newUsageRatio?: number;
  /** Percent of request (Utilization targets). */
  utilization?: number;
  /** Average milli-units per pod over the pods that had samples. */
  averageValue: number;
  readyPodCount: number;
  /** The n of ceil(ratio × n). */
  podsCounted: number;
  outcome: Outcome;
  /** What missing pods were counted as: 'request' (100 % or the target if higher), 'target', 'zero'. */
  missingFilledAs?: 'request' | 'target' | 'zero';
  unreadyCountedAsZero: boolean;
  counts: { ready: number; unready: number; missing: number; ignored: number };
  pods: PodLine[];
}

/** The tolerance check of Tolerances.isWithin: 0.9 ≤ ratio ≤ 1.1 with the default 0.1. */
export function withinTolerance(ratio: number, tolerance: number): boolean {
  return 1 - tolerance <= ratio && ratio <= 1 + tolerance;
}

function parseTime(iso: string | undefined | null): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * groupPods: deleted and Failed pods are ignored, Pending ones unready, pods without a sample
 * missing. For cpu a Running pod is also unready when it has no Ready condition or start time;
 * within the cpu initialization period when it is not Ready or its sample was taken before one
 * full window had passed since it became Ready; after that period only when it is not Ready and
 * never was (its readiness last changed within the initial readiness delay after start).
 */
export function groupPods(pods: readonly Pod[], metrics: PodMetricsInfo, resource: string, now: number, settings: CalculatorSettings): PodGroups {
  const groups: PodGroups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set(), notes: new Map() };
  for (const pod of pods) {
    const name = pod.metadata.name!;
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      groups.ignored.add(name);
      groups.notes.set(name, pod.metadata.deletionTimestamp ? 'being deleted' : 'Failed');
      continue;
    }
    if (pod.status?.phase === 'Pending' || !pod.status?.phase) {
      groups.unready.add(name);
      groups.notes.set(name, 'Pending');
      continue;
    }
    const sample = metrics.get(name);
    if (!sample) {
      groups.missing.add(name);
      groups.notes.set(name, 'no metrics');
      continue;
    }
    if (resource === 'cpu') {
      const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const started = parseTime(pod.status?.startTime);
      const transition = parseTime(condition?.lastTransitionTime) ?? 0;
      let unready: boolean;
      let note = '';
      if (!condition || started === undefined) {
        unready = true;
        note = condition ? 'no start time' : 'no Ready condition';
      } else if (started + settings.cpuInitializationPeriodMs > now) {
        const notReady = condition.status === 'False';
        const sampleTooEarly = sample.timestamp < transition + sample.windowMs;
        unready = notReady || sampleTooEarly;
        note = notReady ? 'not Ready' : 'became Ready less than one metrics window ago';
      } else {
        unready = condition.status === 'False' && started + settings.delayOfInitialReadinessStatusMs > transition;
        note = 'not Ready since it started';
      }
      if (unready) {
        groups.unready.add(name);
        groups.notes.set(name, note);
        continue;
      }
    }
    groups.readyPodCount++;
  }
  return groups;
}

/** Containers whose requests count: the app containers and restartable (sidecar) init containers. */
function requestContainers(pod: Pod): Container[] {
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return [...(pod.spec?.containers ?? []), ...sidecars];
}

/** The summed request of each pod (milli-units); a container without one makes the metric invalid. */
export function calculateRequests(pods: readonly Pod[], resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const c of requestContainers(pod)) {
      const q = tryParseQuantity((c.resources?.requests as Record<string, string | number> | undefined)?.[resource]);
      if (!q) throw new MetricError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
      sum += milliValue(q);
    }
    requests.set(pod.metadata.name!, sum);
  }
  return requests;
}

/** GetResourceUtilizationRatio: integer percent of the summed requests, as Go truncates it. */
export function resourceUtilizationRatio(
  metrics: PodMetricsInfo,
  requests: Map<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [pod, sample] of metrics) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    metricsTotal += sample.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new MetricError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

/** GetMetricUsageRatio: the integer average per pod against the target average. */
export function metricUsageRatio(metrics: PodMetricsInfo, targetUsage: number): { ratio: number; average: number } {
  let total = 0;
  for (const sample of metrics.values()) total += sample.value;
  const average = Math.trunc(total / metrics.size);
  return { ratio: average / targetUsage, average };
}

interface FillInput {
  currentReplicas: number;
  tolerance: number;
  groups: PodGroups;
  metrics: PodMetricsInfo;
  usageRatio: number;
  /** Fill value for a missing pod on a scale-down. */
  missingOnScaleDown: (pod: string) => number;
  /** Recompute the ratio after filling in. */
  ratioOf: (metrics: PodMetricsInfo) => number;
}

type Decided = Pick<ReplicaProposal, 'replicas' | 'newUsageRatio' | 'podsCounted' | 'outcome' | 'unreadyCountedAsZero'> & {
  filled?: 'scale-down' | 'zero';
};

/** The part both functions share: no guesses needed, or fill in missing/unready pods and re-check. */
function decide(input: FillInput): Decided {
  const { currentReplicas, tolerance, groups, metrics, usageRatio } = input;
  const scaleUpWithUnready = groups.unready.size > 0 && usageRatio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (withinTolerance(usageRatio, tolerance)) return { replicas: currentReplicas, podsCounted: groups.readyPodCount, outcome: 'within-tolerance', unreadyCountedAsZero: false };
    return { replicas: Math.ceil(usageRatio * groups.readyPodCount), podsCounted: groups.readyPodCount, outcome: 'ratio', unreadyCountedAsZero: false };
  }
  // Filled-in values are guesses, not samples: no timestamp matters for them.
  const filler = (value: number): PodSample => ({ value, timestamp: 0, windowMs: 0 });
  let filled: Decided['filled'];
  if (groups.missing.size > 0) {
    if (usageRatio < 1) {
      filled = 'scale-down';
      for (const pod of groups.missing) metrics.set(pod, filler(input.missingOnScaleDown(pod)));
    } else if (usageRatio > 1) {
      filled = 'zero';
      for (const pod of groups.missing) metrics.set(pod, filler(0));
    }
  }
  if (scaleUpWithUnready) for (const pod of groups.unready) metrics.set(pod, filler(0));
  const newUsageRatio = input.ratioOf(metrics);
  const base = { newUsageRatio, podsCounted: metrics.size, unreadyCountedAsZero: scaleUpWithUnready, filled };
  if (withinTolerance(newUsageRatio, tolerance)) return { ...base, replicas: currentReplicas, outcome: 'fill-in-within-tolerance' };
  if ((usageRatio < 1 && newUsageRatio > 1) || (usageRatio > 1 && newUsageRatio < 1)) return { ...base, replicas: currentReplicas, outcome: 'fill-in-reverses' };
  const replicas = Math.ceil(newUsageRatio * metrics.size);
  if ((newUsageRatio < 1 && replicas > currentReplicas) || (newUsageRatio > 1 && replicas < currentReplicas)) {
    return { ...base, replicas: currentReplicas, outcome: 'fill-in-count-reverses' };
  }
  return { ...base, replicas, outcome: 'fill-in' };
}

function podLines(pods: readonly Pod[], groups: PodGroups, samples: PodMetricsInfo, requests?: Map<string, number>): PodLine[] {
  return pods.map((p) => {
    const name = p.metadata.name!;
    const state: PodState = groups.ignored.has(name) ? 'ignored' : groups.unready.has(name) ? 'unready' : groups.missing.has(name) ? 'missing' : 'ready';
    const line: PodLine = { pod: name, state };
    const note = groups.notes.get(name);
    if (note) line.note = note;
    const sample = samples.get(name);
    if (sample) line.usage = sample.value;
    const request = requests?.get(name);
    if (request !== undefined) line.request = request;
    return line;
  });
}

function counts(groups: PodGroups): ReplicaProposal['counts'] {
  return { ready: groups.readyPodCount, unready: groups.unready.size, missing: groups.missing.size, ignored: groups.ignored.size };
}

export interface ResourceInput {
  currentReplicas: number;
  resource: string;
  pods: readonly Pod[];
  /** The samples the metrics API returned for these pods. */
  metrics: PodMetricsInfo;
  now: number;
  settings?: CalculatorSettings;
}

/**
 * The start both targets share: the pods sorted into groups, and the samples that count (neither
 * ignored nor unready pods'), ready for `decide` once the target's ratio is known.
 */
function countedSamples(input: ResourceInput): Pick<FillInput, 'currentReplicas' | 'tolerance' | 'groups' | 'metrics'> {
  const settings = input.settings ?? DEFAULT_CALCULATOR_SETTINGS;
  if (!input.pods.length) throw new MetricError('no pods returned by selector while calculating replica count');
  const groups = groupPods(input.pods, input.metrics, input.resource, input.now, settings);
  const metrics = new Map(input.metrics);
  for (const pod of [...groups.ignored, ...groups.unready]) metrics.delete(pod);
  if (!metrics.size) throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  return { currentReplicas: input.currentReplicas, tolerance: settings.tolerance, groups, metrics };
}

/** The proposal with what explains it; `missingFilledAs` names what a scale-down fills missing pods with. */
function toProposal(
  input: ResourceInput,
  groups: PodGroups,
  decided: Decided,
  first: { usageRatio: number; utilization?: number; averageValue: number },
  missingFilledAs: 'request' | 'target',
  requests?: Map<string, number>,
): ReplicaProposal {
  return {
    replicas: decided.replicas,
    usageRatio: first.usageRatio,
    ...(decided.newUsageRatio !== undefined ? { newUsageRatio: decided.newUsageRatio } : {}),
    ...(first.utilization !== undefined ? { utilization: first.utilization } : {}),
    averageValue: first.averageValue,
    readyPodCount: groups.readyPodCount,
    podsCounted: decided.podsCounted,
    outcome: decided.outcome,
    ...(decided.filled ? { missingFilledAs: decided.filled === 'zero' ? 'zero' : missingFilledAs } : {}),
    unreadyCountedAsZero: decided.unreadyCountedAsZero,
    counts: counts(groups),
    pods: podLines(input.pods, groups, input.metrics, requests),
  };
}

/** GetResourceReplicas: a Utilization target (percent of request). */
export function resourceReplicas(input: ResourceInput & { targetUtilization: number }): ReplicaProposal {
  const counted = countedSamples(input);
  const requests = calculateRequests(input.pods, input.resource);
  const first = resourceUtilizationRatio(counted.metrics, requests, input.targetUtilization);
  const fallbackUtilization = Math.max(100, input.targetUtilization);
  const decided = decide({
    ...counted,
    usageRatio: first.ratio,
    missingOnScaleDown: (pod) => Math.trunc(((requests.get(pod) ?? 0) * fallbackUtilization) / 100),
    ratioOf: (m) => resourceUtilizationRatio(m, requests, input.targetUtilization).ratio,
  });
  const explained = { usageRatio: first.ratio, utilization: first.utilization, averageValue: first.rawAverage };
  return toProposal(input, counted.groups, decided, explained, 'request', requests);
}

/** GetRawResourceReplicas / calcPlainMetricReplicas: an AverageValue target (milli-units per pod). */
export function averageValueReplicas(input: ResourceInput & { targetAverage: number }): ReplicaProposal {
  const counted = countedSamples(input);
  const first = metricUsageRatio(counted.metrics, input.targetAverage);
  const decided = decide({
    ...counted,
    usageRatio: first.ratio,
    missingOnScaleDown: () => input.targetAverage,
    ratioOf: (m) => metricUsageRatio(m, input.targetAverage).ratio,
  });
  return toProposal(input, counted.groups, decided, { usageRatio: first.ratio, averageValue: first.average }, 'target');
}
