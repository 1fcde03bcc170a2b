// EnsureImageExists: the image pull policy, the node's image cache and pull queue, pull failures and
// the per-image back-off, with the kubelet's exact events (Pulling, Pulled, Failed, BackOff,
// InspectFailed, ErrImageNeverPull).
import { failedPullMs, imageInfo, manifestCheckMs, pullDurationMs } from '../sim/imageCatalog.js';
import { parseImageRef, pullErrorMessage, pullFailureOf, type ImageRef } from '../sim/imageRef.js';
import { readWorkloadScript } from '../sim/workload.js';
import { formatGoDuration as go } from './goDuration.js';
import type { ContainerRecord, SyncContext } from './podState.js';

/** How long after a container exits or a pull fails before the kubelet looks again (PLEG relist). */
const NEXT_LOOK_MS = 1000;
/** The pod worker's resync while something keeps failing (backOffPeriod). */
const RESYNC_ON_ERROR_MS = 10_000;

/** EnsureImageExists: returns the parsed image once it is on the node, else sets the waiting reason. */
export function ensureImage(ctx: SyncContext, rec: ContainerRecord): ImageRef | undefined {
  const { now, pod } = ctx;
  const raw = rec.spec.image ?? '';
  const parsed = parseImageRef(raw);
  if ('error' in parsed) {
    const message = `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": ${parsed.error}`;
    if (rec.waiting?.reason !== 'InvalidImageName') {
      ctx.host.decide(pod, { action: `cannot start container ${rec.name}: invalid image name`, reason: `${ctx.nodeName}: ${message}`, details: { node: ctx.nodeName, container: rec.name, image: raw } });
    }
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'InspectFailed', message, rec.fieldPath);
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', 'Error: InvalidImageName', rec.fieldPath);
    rec.waiting = { reason: 'InvalidImageName', message };
    return undefined;
  }
  const ref = parsed;
  const images = ctx.agent.images;
  if (rec.pull) {
    const job = rec.pull;
    if (now < job.doneAt) {
      ctx.wake(job.doneAt);
      return undefined;
    }
    rec.pull = undefined;
    images.complete(job);
    if (job.ok) {
      const total = Math.max(job.durationMs, job.doneAt - job.requestedAt);
      ctx.host.event(pod, ctx.nodeName, 'Normal', 'Pulled', `Successfully pulled image "${raw}" in ${go(job.durationMs)} (${go(total)} including waiting). Image size: ${job.sizeBytes} bytes.`, rec.fieldPath);
      ctx.host.decide(pod, { action: `pulled image ${raw} for container ${rec.name}`, reason: `${ctx.nodeName}: ${go(job.durationMs)} (${go(total)} including waiting in the node's pull queue), ${job.sizeBytes} bytes`, details: { node: ctx.nodeName, container: rec.name, image: ref.normalized, durationMs: job.durationMs, sizeBytes: job.sizeBytes } });
      // A pull that never failed has no back-off entry (and the table is made only when one fails).
      ctx.clearImageBackoff(raw);
      return ref;
    }
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', `Failed to pull image "${raw}": ${job.error}`, rec.fieldPath);
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', 'Error: ErrImagePull', rec.fieldPath);
    const delay = ctx.imageBackoff.next(raw, now, now);
    rec.waiting = { reason: 'ErrImagePull', message: job.error };
    ctx.host.decide(pod, {
      action: `image pull failed for container ${rec.name}; next attempt in ${go(delay)}`,
      reason: `${ctx.nodeName}: ${job.error} (image pull back-off doubles from 10s to 5m0s)`,
      details: { node: ctx.nodeName, container: rec.name, image: ref.normalized, backoffSeconds: delay / 1000 },
    });
    // The next sync shows ImagePullBackOff; the one at the end of the back-off pulls again.
    ctx.wake(now + NEXT_LOOK_MS);
    return undefined;
  }
  const present = images.has(ref);
  const policy = rec.spec.imagePullPolicy ?? defaultPullPolicy(ref);
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (present) {
      ctx.host.event(pod, ctx.nodeName, 'Normal', 'Pulled', `Container image "${raw}" already present on machine`, rec.fieldPath);
      return ref;
    }
    const message = `Container image "${raw}" is not present with pull policy of Never`;
    if (rec.waiting?.reason !== 'ErrImageNeverPull') {
      ctx.host.decide(pod, { action: `cannot start container ${rec.name}: image not on the node`, reason: `${ctx.nodeName}: ${message}`, details: { node: ctx.nodeName, container: rec.name, image: ref.normalized } });
    }
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'ErrImageNeverPull', message, rec.fieldPath);
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', 'Error: ErrImageNeverPull', rec.fieldPath);
    rec.waiting = { reason: 'ErrImageNeverPull', message };
    return undefined;
  }
  if (ctx.imageBackoff.isInBackOffSinceUpdate(raw, now)) {
    const message = `Back-off pulling image "${raw}"`;
    ctx.host.event(pod, ctx.nodeName, 'Normal', 'BackOff', message, rec.fieldPath);
    ctx.host.event(pod, ctx.nodeName, 'Warning', 'Failed', 'Error: ImagePullBackOff', rec.fieldPath);
    rec.waiting = { reason: 'ImagePullBackOff', message };
    const expiry = (ctx.imageBackoff.lastUpdate(raw) ?? now) + ctx.imageBackoff.get(raw);
    ctx.wake(Math.min(expiry, now + RESYNC_ON_ERROR_MS));
    return undefined;
  }
  const info = imageInfo(ref);
  const plan = pullPlan(ctx, rec, ref, present);
  ctx.host.event(pod, ctx.nodeName, 'Normal', 'Pulling', `Pulling image "${raw}"`, rec.fieldPath);
  const job = images.request(ref, now, plan.durationMs, plan.error);
  rec.pull = job;
  ctx.host.decide(pod, {
    action: `pulling image ${raw} for container ${rec.name}`,
    reason: `${ctx.nodeName}: ${present ? `policy ${policy} pulls even though the image is on the node` : `not on the node yet (policy ${policy})`}; ${info.sizeBytes} bytes, done in about ${go(job.doneAt - now)}`,
    details: { node: ctx.nodeName, container: rec.name, image: ref.normalized, policy, doneAt: job.doneAt },
  });
  ctx.wake(job.doneAt);
  return undefined;
}

/** How a pull of this image for this container goes: how long it takes, and the registry's refusal if it fails. */
export function pullPlan(ctx: SyncContext, rec: ContainerRecord, ref: ImageRef, present: boolean): { durationMs: number; error?: string } {
  const script = readWorkloadScript(ctx.pod.metadata.annotations, rec.name, rec.kind === 'init').script;
  const failure = script.pullFails ? 'tag-not-found' : pullFailureOf(ref);
  if (failure) return { durationMs: failedPullMs(ref), error: pullErrorMessage(ref, failure) };
  return { durationMs: script.pullMs ?? (present ? manifestCheckMs(ref) : pullDurationMs(ref, imageInfo(ref))) };
}

/** The API default: Always for `:latest` or no tag, IfNotPresent otherwise (a digest counts as pinned). */
export function defaultPullPolicy(ref: ImageRef): 'Always' | 'IfNotPresent' {
  if (ref.digest) return 'IfNotPresent';
  return !ref.tag || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
