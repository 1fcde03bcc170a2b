// Which pods back a Service and in what state, as the endpoints and endpointslice controllers see
// them (pkg/api/v1/endpoints, endpointslice util): readiness from the pod's Ready condition, the
// candidate rule (has an IP, not terminal, terminating only when asked) and, for learners, a short
// reason why a pod is not ready.
import type { Pod } from '../../api/types.js';

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isPodTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp;
}

export type AddressFamily = 'IPv4' | 'IPv6';

export function familyOf(ip: string): AddressFamily {
  return ip.includes(':') ? 'IPv6' : 'IPv4';
}

/** The pod's IP of one family (status.podIPs, falling back to status.podIP), if it has one. */
export function podIpOf(pod: Pod, family: AddressFamily = 'IPv4'): string | undefined {
  const ips = pod.status?.podIPs?.map((p) => p.ip).filter((ip): ip is string => !!ip) ?? [];
  if (!ips.length && pod.status?.podIP) ips.push(pod.status.podIP);
  return ips.find((ip) => familyOf(ip) === family);
}

/**
 * ShouldPodBeInEndpoints: a pod with no IP, or in a terminal phase, never backs a Service;
 * a terminating one only where the caller keeps terminating endpoints (EndpointSlices do, Endpoints do not).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && isPodTerminating(pod)) return false;
  return true;
}

/**
 * Why a pod is not Ready, in a few words a learner can act on: the waiting reason of a container
 * (`CrashLoopBackOff`), a failing or not-yet-run readiness probe, or what the Ready condition says.
 */
export function notReadyReason(pod: Pod, nowMs: number): string {
  if (isPodTerminating(pod)) return 'terminating';
  const containers = pod.spec?.containers ?? [];
  const many = containers.length > 1;
  const who = (name: string) => (many ? `container ${name} ` : '');
  for (const cs of pod.status?.containerStatuses ?? []) {
    if (cs.ready) continue;
    const waiting = cs.state?.waiting?.reason;
    if (waiting) return `${who(cs.name)}${waiting}`.trim();
    const terminated = cs.state?.terminated;
    if (terminated) return `${who(cs.name)}terminated (${terminated.reason ?? `exit code ${terminated.exitCode}`})`.trim();
    if (cs.state?.running) {
      if (cs.started === false) return `${who(cs.name)}startup probe not passed yet`.trim();
      const probe = containers.find((c) => c.name === cs.name)?.readinessProbe;
      if (!probe) return `${who(cs.name)}not ready yet`.trim();
      const startedAt = Date.parse(cs.state.running.startedAt ?? '');
      const delay = (probe.initialDelaySeconds ?? 0) * 1000;
      if (!Number.isNaN(startedAt) && nowMs - startedAt < delay)
        return `${who(cs.name)}readiness probe waits initialDelaySeconds ${probe.initialDelaySeconds}`.trim();
      return `${who(cs.name)}readiness probe failing`.trim();
    }
  }
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.reason === 'ReadinessGatesNotReady') return ready.message ?? 'readiness gates not ready';
  if (pod.status?.phase === 'Pending') return 'pending';
  if (ready?.reason) return ready.message ? `${ready.reason}: ${ready.message}` : ready.reason;
  return 'not ready';
}
