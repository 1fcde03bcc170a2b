// Writing a pod's status from its worker's state, only when it differs from the stored status: the
// status of a pod that ran, or Failed with the reason for a pod admission rejected.
import type { Pod } from '../api/types.js';
import type { SyncContext } from './podState.js';
import { buildPodStatus } from './podStatus.js';
import type { PodWorker } from './podWorker.js';
import { isoOf, sameJson } from './statusWrite.js';

export function writeStatus(w: PodWorker, ctx: SyncContext, podIsTerminal: boolean): void {
  const forced = w.terminal?.reason ? { phase: w.terminal.phase, reason: w.terminal.reason, message: w.terminal.message ?? '' } : undefined;
  const status = buildPodStatus({
    pod: w.pod,
    now: ctx.now,
    iso: isoOf,
    hostIP: w.agent.hostIP,
    podIP: w.podIP,
    startTime: w.startTime,
    qosClass: w.qosClass,
    sandboxReady: w.sandboxReadyAt !== undefined && ctx.now >= w.sandboxReadyAt && !!w.podIP,
    init: w.init,
    containers: w.containers,
    podIsTerminal: podIsTerminal || !!w.terminal,
    forced,
  });
  if (w.terminal && !forced) status.phase = w.terminal.phase;
  if (sameJson(w.pod.status, status)) return;
  w.written = w.io.writeStatus(w.pod, status);
}

export function writeRejectedStatus(w: PodWorker): void {
  const old = w.pod.status ?? {};
  const conditions = (old.conditions ?? []).filter((c) => !['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].includes(c.type));
  const status = { phase: 'Failed', reason: w.rejected!.reason, message: w.rejected!.message, ...(conditions.length ? { conditions } : {}), qosClass: w.qosClass } as NonNullable<Pod['status']>;
  if (!sameJson(old, status)) w.written = w.io.writeStatus(w.pod, status);
}
