// Playing a shipped scenario in a test: load it by name, start it, move the clock to absolute times.
import type { Pod } from '../../src/api/types.js';
import type { KObject } from '../../src/api/object.js';
import type { Cluster } from '../../src/cluster.js';
import type { Event } from '../../src/api/types.js';
import { resolveScenarioPath } from '../../src/scenario/catalog.js';
import { loadScenarioFile } from '../../src/scenario/parseScenario.js';
import { startScenario, type ScenarioCluster } from '../../src/scenario/session.js';

export function playShipped(name: string, seed = 1): ScenarioCluster {
  const { scenario } = loadScenarioFile(resolveScenarioPath(name));
  return startScenario(scenario, seed);
}

/** Runs the clock to `seconds` after the cluster started. */
export function runTo(cluster: Cluster, seconds: number): void {
  const target = cluster.clock.startedAt + seconds * 1000;
  if (target > cluster.clock.now()) cluster.runUntil(target);
}

/** Seconds since the start at which an ISO timestamp falls. */
export function secondsAt(cluster: Cluster, iso: string | undefined): number {
  return (Date.parse(iso ?? '') - cluster.clock.startedAt) / 1000;
}

export function pods(cluster: Cluster, namespace = 'default', prefix = ''): Pod[] {
  return cluster.store.list<Pod>('Pod', { namespace }).filter((p) => (p.metadata.name ?? '').startsWith(prefix));
}

export function live(pods: Pod[]): Pod[] {
  return pods.filter((p) => !p.metadata.deletionTimestamp);
}

export function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** The waiting reason of a pod's first container (ImagePullBackOff, CrashLoopBackOff, ...). */
export function waitingReason(pod: Pod): string | undefined {
  return pod.status?.containerStatuses?.[0]?.state?.waiting?.reason;
}

export function eventsFor(cluster: Cluster, obj: KObject | { kind: string; name: string; namespace?: string }, reason?: string): Event[] {
  const meta = 'metadata' in obj ? obj.metadata : obj;
  return cluster.store
    .list<Event>('Event', { namespace: meta.namespace ?? 'default' })
    .filter((e) => e.involvedObject.kind === obj.kind && e.involvedObject.name === meta.name && (!reason || e.reason === reason));
}
