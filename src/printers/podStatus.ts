// kubectl's STATUS, READY and RESTARTS for a pod (printPod), so that the dashboard says exactly what
// `kubectl get pods` would.
import type { Pod } from '../api/types.js';

export interface PodSummary {
  status: string;
  ready: number;
  total: number;
  restarts: number;
  /** finishedAt of the most recent restart, for `3 (2m ago)`. */
  lastRestart?: number;
}

export function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let reason: string = status.reason || status.phase || 'Pending';
  const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.reason === 'SchedulingGated') reason = 'SchedulingGated';
  let restarts = 0;
  let lastRestart: number | undefined;
  const noteRestart = (finishedAt: string | undefined) => {
    const t = finishedAt ? Date.parse(finishedAt) : Number.NaN;
    if (!Number.isNaN(t) && (lastRestart === undefined || t > lastRestart)) lastRestart = t;
  };

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  const initCount = spec.initContainers?.length ?? 0;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) noteRestart(c.lastState.terminated.finishedAt);
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (c.started && (spec.initContainers?.[i] as { restartPolicy?: string } | undefined)?.restartPolicy === 'Always') continue;
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  let ready = 0;
  if (!initializing) {
    restarts = 0;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) noteRestart(c.lastState.terminated.finishedAt);
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.state?.running && c.ready) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  return { status: reason, ready, total: spec.containers?.length ?? 0, restarts, lastRestart };
}

const ERROR_STATES = /BackOff|Err|Error|Failed|OOMKilled|Invalid|Evicted|DeadlineExceeded|OutOf|Unknown|NodeLost|ExitCode|Signal/;

export function podHealth(summary: PodSummary): 'ok' | 'pending' | 'warning' | 'error' | 'muted' {
  if (summary.status === 'Completed' || summary.status === 'Succeeded') return 'muted';
  if (ERROR_STATES.test(summary.status)) return 'error';
  if (summary.status === 'Running') return summary.ready === summary.total ? 'ok' : 'warning';
  if (summary.status === 'Terminating') return 'muted';
  return 'pending';
}
