// Which containers a running pod starts, and when: init containers one at a time, sidecars kept
// running, app containers started and restarted as restartPolicy says once the kubelet saw the exit.
import { advanceInstance, PLEG_RELIST_MS, startContainer } from './containerLifecycle.js';
import type { ContainerRecord, SyncContext } from './podState.js';
import type { PodWorker } from './podWorker.js';
import { restartsAfter } from './restartPolicy.js';

export function runContainers(w: PodWorker, ctx: SyncContext): void {
  const files = w.volumeFiles!;
  for (const rec of w.init) {
    advanceInstance(ctx, rec);
    const inst = rec.current;
    if (rec.kind === 'sidecar') {
      // Like an app container, a fresh sidecar gets its first probes (and readiness) at once.
      if (!inst || (inst.terminated && noticed(ctx, rec))) {
        if (startContainer(ctx, rec, files)) advanceInstance(ctx, rec);
      }
      if (!rec.current?.started || rec.current.terminated) return;
      continue;
    }
    if (inst && !inst.terminated) return;
    if (inst?.terminated) {
      if (!noticed(ctx, rec)) return;
      if (inst.terminated.exitCode === 0) continue;
      if (!restartsAfter(w.pod, rec, inst.terminated)) return;
    }
    startContainer(ctx, rec, files);
    return;
  }
  for (const rec of w.containers) {
    advanceInstance(ctx, rec);
    const inst = rec.current;
    if (inst && !inst.terminated) continue;
    if (inst?.terminated) {
      if (!restartsAfter(w.pod, rec, inst.terminated)) continue;
      if (!noticed(ctx, rec)) continue;
    }
    // A fresh instance gets its first probes (and readiness) now; its exit waits for a later sync.
    if (startContainer(ctx, rec, files)) advanceInstance(ctx, rec);
  }
}

/** The kubelet acts on an exit once PLEG has seen it (about a second later). */
function noticed(ctx: SyncContext, rec: ContainerRecord): boolean {
  const at = rec.current!.terminated!.finishedAt + PLEG_RELIST_MS;
  if (ctx.now >= at) return true;
  ctx.wake(at);
  return false;
}
