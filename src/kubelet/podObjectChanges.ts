// How a pod worker reacts to edits of its pod while it runs: new workload annotations are checked
// again, and a changed image restarts its container.
import { validateWorkloadAnnotations } from '../sim/workload.js';
import { requestStop } from './containerLifecycle.js';
import type { SyncContext } from './podState.js';
import type { PodWorker } from './podWorker.js';
import { FLAG_ANNOTATIONS_CHECKED } from './workerFlags.js';

export function checkAnnotations(w: PodWorker): void {
  const annotations = w.pod.metadata.annotations;
  const checked = w.flag(FLAG_ANNOTATIONS_CHECKED);
  const before = w.checkedAnnotations;
  w.setFlag(FLAG_ANNOTATIONS_CHECKED, true);
  w.checkedAnnotations = annotations;
  // A status write keeps the annotations object: only a new one needs a look.
  if (checked && (before === annotations || annotationsText(before) === annotationsText(annotations))) return;
  for (const problem of validateWorkloadAnnotations(annotations)) {
    w.host.decide(w.pod, { action: `ignoring annotation ${problem.key}`, reason: `${w.nodeName}: ${problem.message}`, details: { node: w.nodeName, annotation: problem.key } });
  }
}

function annotationsText(annotations: Record<string, string> | undefined): string {
  return annotations ? JSON.stringify(annotations) : '';
}

/** Image updates on a running pod: the container is stopped and started again with the new image. */
export function applySpecChanges(w: PodWorker, ctx: SyncContext): void {
  // Stored objects are never changed in place: the same spec object has the same images.
  if (w.pod.spec === w.specApplied) return;
  w.specApplied = w.pod.spec;
  const specs = [...(w.pod.spec?.initContainers ?? []), ...(w.pod.spec?.containers ?? [])];
  for (const rec of w.records()) {
    const spec = specs.find((c) => c.name === rec.name);
    if (!spec || spec.image === rec.spec.image) continue;
    rec.spec = spec;
    const inst = rec.current;
    if (inst && !inst.terminated && !w.pod.metadata.deletionTimestamp) {
      w.host.event(w.pod, w.nodeName, 'Normal', 'Killing', `Container ${rec.name} definition changed, will be restarted`, rec.fieldPath);
      requestStop(ctx, rec, inst, ctx.now, w.pod.spec?.terminationGracePeriodSeconds ?? 30, 'definition changed');
      w.host.decide(w.pod, { action: `restarting container ${rec.name} with image ${spec.image}`, reason: `${w.nodeName}: the pod's image changed; the container is stopped and started again`, details: { node: w.nodeName, container: rec.name, image: spec.image } });
    }
  }
}
