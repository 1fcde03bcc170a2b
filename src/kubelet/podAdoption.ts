// Taking over a pod that already ran on this node (a restored cluster, a kubelet coming back) from
// what its status says, instead of starting it again.
import type { Event, Pod } from '../api/types.js';
import { hashString } from '../sim/imageCatalog.js';
import { podRequestTotals } from './admission.js';
import { adoptContainer, eventsAbout, preciseStartTime } from './adoption.js';
import type { SyncContext } from './podState.js';
import type { PodWorker } from './podWorker.js';
import { FLAG_ADMITTED, FLAG_ANNOTATIONS_CHECKED, FLAG_DEADLINE_HIT, FLAG_RELEASED } from './workerFlags.js';
import { mountVolumes } from './volumes.js';

const NO_VOLUMES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map();

/**
 * The pod ran on this node before this kubelet knew it (a restored cluster, a kubelet coming back):
 * take over what its status says instead of starting it again. It stays admitted, keeps its IP
 * and sandbox, its containers go on (running, ended, in back-off), and a stop that was under way
 * finishes when it would have.
 */
export function adoptPod(w: PodWorker, ctx: SyncContext): void {
  const pod = w.pod;
  const status = pod.status ?? {};
  const { store } = w.host.cp;
  // Whatever the annotations said was said when the pod first came.
  const annotations = pod.metadata.annotations;
  w.setFlag(FLAG_ANNOTATIONS_CHECKED, true);
  w.checkedAnnotations = annotations;
  const start = Date.parse(status.startTime ?? '');
  if (!Number.isNaN(start)) w.startTime = Math.min(preciseStartTime(pod, start, () => eventsAbout(store, ctx.now, w.uid)), ctx.now);
  const phase = status.phase;
  const finished = phase === 'Succeeded' || phase === 'Failed';
  w.setFlag(FLAG_ADMITTED, true);
  if (finished) {
    w.terminal = status.reason ? { phase, reason: status.reason, message: status.message } : { phase };
    w.setFlag(FLAG_DEADLINE_HIT, status.reason === 'DeadlineExceeded');
    // A finished pod gave back its resources and its address already.
    w.setFlag(FLAG_RELEASED, true);
  } else {
    w.agent.admit(w.uid, podRequestTotals(pod));
  }
  const hostNetwork = !!pod.spec?.hostNetwork;
  if (status.podIP) {
    w.podIP = hostNetwork ? w.agent.hostIP || status.podIP : status.podIP;
    if (!hostNetwork && !finished) w.agent.reserveIP(w.podIP);
    w.sandboxReadyAt = Math.min(w.startTime ?? ctx.now, ctx.now);
    ctx.podIP = w.podIP;
  } else if (w.startTime !== undefined && !finished) {
    // The sandbox was being made: it is ready when it would have been.
    w.sandboxReadyAt = w.startTime + 300 + (hashString(`sandbox:${w.uid}`) % 700);
  }
  const statuses = new Map<string, NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number]>();
  for (const cs of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) statuses.set(cs.name, cs);
  const ran = !!status.podIP || [...statuses.values()].some((cs) => cs.state?.running || cs.state?.terminated || cs.lastState?.terminated);
  if (ran) {
    // The volumes were set up before its containers started; they stay mounted.
    const r = mountVolumes(store, pod);
    w.volumeFiles = r.ok ? r.files : NO_VOLUMES;
  }
  let events: Event[] | undefined;
  const podEvents = (): Event[] => (events ??= eventsAbout(store, ctx.now, w.uid));
  for (const rec of w.records()) {
    const cs = statuses.get(rec.name);
    if (cs) adoptContainer({ ctx, rec, status: cs, volumeFiles: w.volumeFiles ?? NO_VOLUMES, events: podEvents });
  }
  // A deletion the kubelet was already carrying out goes on: the same stops, no second Killing.
  if (pod.metadata.deletionTimestamp) {
    const running = w.records().filter((r) => r.current && !r.current.terminated);
    if (running.length && running.every((r) => r.current!.stop)) {
      const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      const requested = Date.parse(pod.metadata.deletionTimestamp) - grace * 1000;
      const doneAt = Math.max(ctx.now, ...running.map((r) => Math.min(r.current!.stop!.at, r.current!.exitAt ?? Number.POSITIVE_INFINITY)));
      w.killing = { startedAt: Number.isNaN(requested) ? ctx.now : Math.min(requested, ctx.now), doneAt, grace };
    }
  }
}
