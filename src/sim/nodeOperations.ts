// kubectl cordon / uncordon / drain against the simulated API server, with kubectl's own output so the
// dashboard and the CLI can print it as is.
//
// drain = cordon, then pick the pods to evict through kubectl's filters (DaemonSet-managed, mirror,
// emptyDir, no controller), then evict each one: the Eviction API marks the pod with the
// DisruptionTarget condition (EvictionByEvictionAPI) and deletes it gracefully; the kubelet finishes the
// termination in simulated time, which `terminating` reports. kubesim has no PodDisruptionBudget kind,
// so no eviction is refused with 429.
import { setPodCondition } from '../api/podConditions.js';
import { ApiError } from '../api/errors.js';
import { controllerOf, nsName } from '../api/object.js';
import type { Node, Pod } from '../api/types.js';
import type { Store } from '../store/store.js';

export interface NodeOperationResult {
  /** False when kubectl would exit non-zero. */
  ok: boolean;
  /** What kubectl prints on stdout, line by line (`node/node-2 cordoned`, `evicting pod default/web-x`). */
  stdout: string[];
  /** What it prints on stderr (`Warning: ...`, `error: ...`). */
  stderr: string[];
}

export interface DrainOptions {
  /** --ignore-daemonsets */
  ignoreDaemonSets?: boolean;
  /** --delete-emptydir-data */
  deleteEmptyDirData?: boolean;
  /** --force: also delete pods that declare no controller. */
  force?: boolean;
  /** --grace-period; negative or unset = each pod's own terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
}

export interface DrainResult extends NodeOperationResult {
  /** Pods evicted (`namespace/name`). */
  evicted: string[];
  /** Evicted pods still terminating: their kubelet has not confirmed yet. */
  terminating: string[];
}

// kubectl/pkg/drain/filters.go
const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'Pods declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** A filter's word on one pod: delete it or not, with a warning or (refusing the drain) an error. */
interface Verdict {
  delete: boolean;
  warning?: string;
  error?: string;
}

export function cordon(store: Store, node: string | Node): NodeOperationResult {
  return setUnschedulable(store, nodeName(node), true);
}

export function uncordon(store: Store, node: string | Node): NodeOperationResult {
  return setUnschedulable(store, nodeName(node), false);
}

function setUnschedulable(store: Store, name: string, unschedulable: boolean): NodeOperationResult {
  const node = store.get<Node>('Node', undefined, name);
  if (!node) throw new ApiError('NotFound', `nodes "${name}" not found`, [], { kind: 'nodes', name });
  const verb = unschedulable ? 'cordoned' : 'uncordoned';
  if (!!node.spec?.unschedulable === unschedulable) return { ok: true, stdout: [`node/${name} already ${verb}`], stderr: [] };
  store.modify<Node>('Node', undefined, name, (draft) => {
    const spec = (draft.spec ??= {});
    if (unschedulable) spec.unschedulable = true;
    else delete spec.unschedulable;
  });
  return { ok: true, stdout: [`node/${name} ${verb}`], stderr: [] };
}

export function drain(store: Store, node: string | Node, options: DrainOptions = {}): DrainResult {
  const name = nodeName(node);
  const cordoned = cordon(store, name);
  const result: DrainResult = { ok: true, stdout: [...cordoned.stdout], stderr: [], evicted: [], terminating: [] };

  const pods = store
    .list<Pod>('Pod', { nodeName: name })
    .sort((a, b) => (nsName(a) < nsName(b) ? -1 : nsName(a) > nsName(b) ? 1 : 0));
  const toEvict: Pod[] = [];
  const errors = new Map<string, string[]>();
  const warnings = new Map<string, string[]>();
  for (const pod of pods) {
    const verdict = filterPod(store, pod, options);
    if (verdict.error) group(errors, verdict.error, nsName(pod));
    else if (verdict.warning) group(warnings, verdict.warning, nsName(pod));
    if (verdict.delete) toEvict.push(pod);
  }

  if (errors.size) {
    const message = [...errors].map(([msg, names]) => `cannot delete ${msg}: ${names.join(', ')}`);
    // utilerrors.NewAggregate prints one error plainly and several as `[a, b]`.
    const aggregate = message.length === 1 ? message[0] : `[${message.join(', ')}]`;
    result.ok = false;
    result.stderr.push(
      `error: unable to drain node "${name}" due to error: ${aggregate}, continuing command...`,
      'There are pending nodes to be drained:',
      ` ${name}`,
      aggregate,
    );
    return result;
  }
  if (warnings.size) result.stderr.push(`Warning: ${[...warnings].map(([msg, names]) => `${msg}: ${names.join(', ')}`).join('; ')}`);

  for (const pod of toEvict) {
    result.stdout.push(`evicting pod ${nsName(pod)}`);
    evictPod(store, pod, options.gracePeriodSeconds);
    result.evicted.push(nsName(pod));
  }
  for (const pod of toEvict) {
    result.stdout.push(`pod/${pod.metadata.name} evicted`);
    if (store.get('Pod', pod.metadata.namespace, pod.metadata.name!)) result.terminating.push(nsName(pod));
  }
  result.stdout.push(`node/${name} drained`);
  return result;
}

/**
 * The Eviction subresource without a PodDisruptionBudget to consult: mark the pod as a disruption
 * target, then delete it with the requested grace period (the pod's own when unset or negative).
 */
export function evictPod(store: Store, pod: Pod, gracePeriodSeconds?: number): void {
  const { namespace, name } = pod.metadata;
  const condition = { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' } as const;
  store.modify<Pod>('Pod', namespace, name!, (draft) => setPodCondition(draft, condition, store.clock.iso()), { subresource: 'status' });
  const grace = gracePeriodSeconds !== undefined && gracePeriodSeconds >= 0 ? { gracePeriodSeconds } : {};
  store.delete('Pod', namespace, name!, grace);
}

/**
 * kubectl's filters in order (daemonSet, mirror, localStorage, unreplicated). The first that keeps a
 * pod decides; otherwise the last one's verdict stands, as in kubectl, where a pod's emptyDir warning
 * is replaced by the verdict of the controller check that follows it.
 */
function filterPod(store: Store, pod: Pod, options: DrainOptions): Verdict {
  const filters = [daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];
  let verdict: Verdict = { delete: true };
  for (const filter of filters) {
    verdict = filter(store, pod, options);
    if (!verdict.delete) break;
  }
  return verdict;
}

function daemonSetFilter(store: Store, pod: Pod, options: DrainOptions): Verdict {
  const ref = controllerOf(pod);
  if (!ref || ref.kind !== 'DaemonSet') return { delete: true };
  if (isFinished(pod)) return { delete: true };
  if (!store.get('DaemonSet', pod.metadata.namespace, ref.name)) {
    const notFound = `daemonsets.apps "${ref.name}" not found`;
    return options.force ? { delete: true, warning: notFound } : { delete: false, error: notFound };
  }
  if (!options.ignoreDaemonSets) return { delete: false, error: DAEMONSET_FATAL };
  return { delete: false, warning: DAEMONSET_WARNING };
}

function mirrorPodFilter(_store: Store, pod: Pod): Verdict {
  return MIRROR_POD_ANNOTATION in (pod.metadata.annotations ?? {}) ? { delete: false } : { delete: true };
}

function localStorageFilter(_store: Store, pod: Pod, options: DrainOptions): Verdict {
  if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir)) return { delete: true };
  if (isFinished(pod)) return { delete: true };
  if (!options.deleteEmptyDirData) return { delete: false, error: LOCAL_STORAGE_FATAL };
  return { delete: true, warning: LOCAL_STORAGE_WARNING };
}

function unreplicatedFilter(_store: Store, pod: Pod, options: DrainOptions): Verdict {
  if (isFinished(pod)) return { delete: true };
  if (controllerOf(pod)) return { delete: true };
  if (options.force) return { delete: true, warning: UNMANAGED_WARNING };
  return { delete: false, error: UNMANAGED_FATAL };
}

function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function nodeName(node: string | Node): string {
  return typeof node === 'string' ? node : node.metadata.name!;
}

function group(map: Map<string, string[]>, message: string, name: string): void {
  const list = map.get(message);
  if (list) list.push(name);
  else map.set(message, [name]);
}
