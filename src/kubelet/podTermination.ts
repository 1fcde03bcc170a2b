// Stopping a pod: containers stopped within the grace period (deletion, deadline), then the final
// delete of the pod object, and the node's resources and the pod's IP given back exactly once.
import { finishInstance, requestStop } from './containerLifecycle.js';
import { formatGoDuration as go } from './goDuration.js';
import type { SyncContext } from './podState.js';
import type { PodWorker } from './podWorker.js';
import { writeStatus } from './podWorkerStatus.js';
import { FLAG_RELEASED, FLAG_REMOVED } from './workerFlags.js';

export function syncTerminating(w: PodWorker, ctx: SyncContext): void {
  if (!w.killing) {
    const grace = w.pod.metadata.deletionGracePeriodSeconds ?? w.pod.spec?.terminationGracePeriodSeconds ?? 30;
    const running = w.records().filter((r) => r.current && !r.current.terminated).length;
    const doneAt = stopAll(w, ctx, grace, 'pod deleted');
    w.killing = { startedAt: ctx.now, doneAt, grace };
    w.host.decide(w.pod, {
      action: `stopping pod (${running} running container${running === 1 ? '' : 's'})`,
      reason: `${w.nodeName}: deletion requested with grace period ${grace}s; the containers stop in ${go(doneAt - ctx.now)}, then the pod object is removed`,
      details: { node: w.nodeName, gracePeriodSeconds: grace, stopsInMs: doneAt - ctx.now },
    });
  }
  advanceStops(w, ctx);
  if (w.records().some((r) => r.current && !r.current.terminated)) {
    writeStatus(w, ctx, false);
    return;
  }
  removePod(w, ctx);
}

export function removePod(w: PodWorker, ctx: SyncContext): void {
  const k = w.killing;
  if (!w.rejected) writeStatus(w, ctx, true);
  releaseResources(w);
  if (!w.flag(FLAG_REMOVED)) {
    w.host.decide(w.pod, {
      action: 'removed pod object',
      reason: k
        ? `${w.nodeName}: all containers stopped ${go(ctx.now - k.startedAt)} after the deletion request (grace period ${k.grace}s)`
        : `${w.nodeName}: the pod ran no containers`,
      details: { node: w.nodeName },
    });
  }
  w.io.deletePod(w.pod);
}

/** Finishes stops that are due (no probes, no restarts): for pods that are done or going away. */
export function advanceStops(w: PodWorker, ctx: SyncContext): void {
  for (const rec of w.records()) {
    const inst = rec.current;
    if (!inst || inst.terminated) continue;
    const exitFirst = inst.exitAt !== undefined && (!inst.stop || inst.exitAt <= inst.stop.at);
    if (exitFirst && inst.exitAt! <= ctx.now) finishInstance(ctx, rec, inst.exitAt!, inst.behaviour.end!.exitCode, inst.behaviour.end!.reason, inst.behaviour.end!.why);
    else if (inst.stop && inst.stop.at <= ctx.now) finishInstance(ctx, rec, inst.stop.at, inst.stop.exitCode, inst.stop.reason, inst.stop.cause);
    else {
      if (inst.stop) ctx.wake(inst.stop.at);
      if (inst.exitAt !== undefined) ctx.wake(inst.exitAt);
    }
  }
}

export function stopAll(w: PodWorker, ctx: SyncContext, graceSeconds: number, cause: string): number {
  let doneAt = ctx.now;
  for (const rec of w.records()) {
    rec.pull = undefined;
    const inst = rec.current;
    if (!inst || inst.terminated) continue;
    if (!inst.stop) {
      w.host.event(w.pod, w.nodeName, 'Normal', 'Killing', `Stopping container ${rec.name}`, rec.fieldPath);
      requestStop(ctx, rec, inst, ctx.now, graceSeconds, cause);
    }
    doneAt = Math.max(doneAt, Math.min(inst.stop!.at, inst.exitAt ?? Number.POSITIVE_INFINITY));
  }
  return doneAt;
}

export function releaseResources(w: PodWorker): void {
  if (w.flag(FLAG_RELEASED)) return;
  w.setFlag(FLAG_RELEASED, true);
  w.agent.release(w.uid);
  if (w.podIP && !w.pod.spec?.hostNetwork) w.agent.releaseIP(w.podIP);
}
