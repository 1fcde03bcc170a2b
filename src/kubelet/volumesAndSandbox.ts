// What must be ready before a pod's containers start: its volumes mounted (failures retried with
// back-off, the retry state made only on the first failure) and its sandbox with an IP.
import { hashString } from '../sim/imageCatalog.js';
import { formatGoDuration as go } from './goDuration.js';
import type { SyncContext } from './podState.js';
import type { PodWorker } from './podWorker.js';
import { mountVolumes } from './volumes.js';

/** Volume set-up retries back off from 0.5 s to 2m2s (the volume manager's operation back-off). */
const MOUNT_RETRY_INITIAL_MS = 500;
const MOUNT_RETRY_MAX_MS = 122_000;

export function volumesReady(w: PodWorker, ctx: SyncContext): boolean {
  if (w.volumeFiles) return true;
  const retry = w.mountRetry;
  if (retry && ctx.now < retry.at) {
    ctx.wake(retry.at);
    return false;
  }
  const r = mountVolumes(w.host.cp.store, w.pod);
  if (r.ok) {
    w.volumeFiles = r.files;
    if (retry?.attempts) w.host.decide(w.pod, { action: 'volumes mounted', reason: `${w.nodeName}: every volume is set up after ${retry.attempts} failed attempt(s)`, details: { node: w.nodeName } });
    // Mounted for good (volumesReady returns early from now on): the retry state is not needed.
    w.mountRetry = undefined;
    return true;
  }
  const state = (w.mountRetry ??= { attempts: 0, at: 0, message: undefined });
  state.attempts++;
  const delay = Math.min(MOUNT_RETRY_INITIAL_MS * 2 ** (state.attempts - 1), MOUNT_RETRY_MAX_MS);
  state.at = ctx.now + delay;
  w.host.event(w.pod, w.nodeName, 'Warning', 'FailedMount', r.message);
  if (r.message !== state.message) {
    state.message = r.message;
    w.host.decide(w.pod, { action: `waiting for volume ${r.volume}`, reason: `${w.nodeName}: ${r.message}; the pod stays ContainerCreating, retrying with back-off (next in ${go(delay)}) and as soon as the ${r.waitFor.kind} changes`, details: { node: w.nodeName, volume: r.volume, waitFor: r.waitFor } });
  }
  w.host.waitFor(w.key, r.waitFor);
  ctx.wake(state.at);
  return false;
}

export function sandboxReady(w: PodWorker, ctx: SyncContext): boolean {
  if (w.sandboxReadyAt === undefined) {
    // Creating the sandbox and its network takes a moment (CNI ADD).
    w.sandboxReadyAt = ctx.now + 300 + (hashString(`sandbox:${w.uid}`) % 700);
  }
  if (ctx.now < w.sandboxReadyAt) {
    ctx.wake(w.sandboxReadyAt);
    return false;
  }
  if (!w.podIP) {
    w.podIP = w.pod.spec?.hostNetwork ? w.agent.hostIP : w.agent.allocateIP();
    ctx.podIP = w.podIP;
  }
  return true;
}
