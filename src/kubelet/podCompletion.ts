// How a running pod ends by itself, not by deletion: every app container is done for good (Job-style
// pods), or activeDeadlineSeconds is reached.
import { requestStop } from './containerLifecycle.js';
import type { SyncContext } from './podState.js';
import type { PodWorker } from './podWorker.js';
import { releaseResources, stopAll } from './podTermination.js';
import { restartsAfter } from './restartPolicy.js';
import { FLAG_DEADLINE_HIT } from './workerFlags.js';

const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** Job-style pods: once every app container is done for good, sidecars are stopped and the pod ends. */
export function checkCompletion(w: PodWorker, ctx: SyncContext): void {
  const initFailed = w.init.some((r) => r.kind === 'init' && r.current?.terminated && r.current.terminated.exitCode !== 0 && !restartsAfter(w.pod, r, r.current.terminated));
  const appsDone = w.containers.every((r) => r.current?.terminated && !restartsAfter(w.pod, r, r.current.terminated));
  if (!initFailed && !appsDone) return;
  const sidecarsRunning = w.init.filter((r) => r.kind === 'sidecar' && r.current && !r.current.terminated);
  if (sidecarsRunning.length) {
    for (const rec of sidecarsRunning) {
      if (rec.current!.stop) continue;
      w.host.event(w.pod, w.nodeName, 'Normal', 'Killing', `Stopping container ${rec.name}`, rec.fieldPath);
      requestStop(ctx, rec, rec.current!, ctx.now, w.pod.spec?.terminationGracePeriodSeconds ?? 30, 'the main containers have finished');
    }
    return;
  }
  const failed = initFailed || w.containers.some((r) => r.current!.terminated!.exitCode !== 0);
  w.terminal = { phase: failed ? 'Failed' : 'Succeeded' };
  const codes = w.containers.map((r) => `${r.name}=${r.current?.terminated?.exitCode ?? '-'}`).join(', ');
  w.host.decide(w.pod, {
    action: `pod ${failed ? 'failed' : 'succeeded'}`,
    reason: `${w.nodeName}: ${initFailed ? 'an init container failed and restartPolicy is Never' : `every container has exited and restartPolicy ${w.pod.spec?.restartPolicy ?? 'Always'} restarts none of them (exit codes ${codes})`}`,
    details: { node: w.nodeName, phase: w.terminal.phase },
  });
  releaseResources(w);
}

export function checkDeadline(w: PodWorker, ctx: SyncContext): void {
  const ads = w.pod.spec?.activeDeadlineSeconds;
  if (ads === undefined || ads === null || w.startTime === undefined) return;
  const at = w.startTime + ads * 1000;
  if (ctx.now < at) {
    ctx.wake(at);
    return;
  }
  if (w.flag(FLAG_DEADLINE_HIT)) return;
  w.setFlag(FLAG_DEADLINE_HIT, true);
  w.host.event(w.pod, w.nodeName, 'Normal', 'DeadlineExceeded', DEADLINE_MESSAGE);
  stopAll(w, ctx, w.pod.spec?.terminationGracePeriodSeconds ?? 30, 'activeDeadlineSeconds exceeded');
  w.terminal = { phase: 'Failed', reason: 'DeadlineExceeded', message: DEADLINE_MESSAGE };
  w.host.decide(w.pod, { action: 'pod failed: DeadlineExceeded', reason: `${w.nodeName}: running for ${ads}s reached activeDeadlineSeconds ${ads}; its containers are stopped`, details: { node: w.nodeName, activeDeadlineSeconds: ads } });
  releaseResources(w);
}
