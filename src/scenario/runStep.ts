// One scenario action against a running cluster, through the same operations the dashboard and
// kubectl use. Returns what kubectl would print; throws (ApiError, RolloutError, ManifestError) when
// the cluster refuses, and the runner records the refusal as the step's outcome.
import { ApiError } from '../api/errors.js';
import { selectorFromLabelSelector, selectorFromSet } from '../api/labels.js';
import type { Pod } from '../api/types.js';
import type { Cluster } from '../cluster.js';
import { applyManifests } from '../manifests/apply.js';
import type { DecodedManifest } from '../manifests/decode.js';
import { deleteObject } from '../ops/deleteObject.js';
import { nodeDown, nodeUp } from '../ops/faults.js';
import { apiQuoted, kubectlRef } from '../ops/names.js';
import { rolloutUndo, scale, setImage } from '../sim/rollout.js';
import type { ScenarioManifest, StepAction, TargetRef } from './types.js';

export function runAction(cluster: Cluster, action: StepAction): string {
  const { store } = cluster;
  switch (action.type) {
    case 'apply':
      return applyManifests(store, asDecoded(action.manifests)).lines.join('\n');
    case 'setImage':
      return setImage(store, action.target.kind, action.target.namespace ?? '', action.target.name, action.container, action.image);
    case 'scale':
      return scale(store, action.target.kind, action.target.namespace ?? '', action.target.name, action.replicas);
    case 'rolloutUndo':
      return rolloutUndo(store, action.target.namespace ?? '', action.target.name, action.toRevision);
    case 'delete':
      return deleteObject(store, action.target.kind, action.target.namespace, action.target.name);
    case 'nodeDown':
      return nodeDown(cluster, action.node);
    case 'nodeUp':
      return nodeUp(cluster, action.node);
    case 'crashPod':
      return crash(cluster, action);
    case 'load':
      return load(cluster, action);
  }
}

/** applyManifests wants the loader's documents; a scenario keeps only their locations. */
export function asDecoded(manifests: ScenarioManifest[]): DecodedManifest[] {
  return manifests.map((m) => ({
    object: structuredClone(m.object),
    displayName: m.displayName,
    document: { object: m.object, location: m.location, locate: () => m.location },
  }));
}

function crash(cluster: Cluster, action: Extract<StepAction, { type: 'crashPod' }>): string {
  const pod = podToCrash(cluster, action.target);
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const node = pod.spec?.nodeName;
  if (!node) throw new ApiError('BadRequest', `pod ${name} is not on a node yet: nothing runs to crash`);
  if (cluster.kubelets.isStopped(node)) throw new ApiError('BadRequest', `the kubelet of ${node} is down: nothing there can crash or restart`);
  const container = action.container ?? pod.spec?.containers?.[0]?.name ?? '';
  if (!cluster.kubelets.crashContainer(namespace, name, container, action.exitCode)) {
    throw new ApiError('BadRequest', `container ${container} of pod ${name} is not running: nothing to crash`);
  }
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const next = policy === 'Never' ? 'restartPolicy Never: it stays terminated' : `restartPolicy ${policy}: the kubelet restarts it, with back-off if it keeps failing`;
  return `pod/${name}: container ${container} crashed (exit code ${action.exitCode}); ${next}`;
}

/** The pod itself, or the first (by name) running pod a workload selects. */
function podToCrash(cluster: Cluster, target: TargetRef): Pod {
  const { store } = cluster;
  const namespace = target.namespace ?? 'default';
  if (target.kind === 'Pod') {
    const pod = store.get<Pod>('Pod', namespace, target.name);
    if (!pod) throw new ApiError('NotFound', `${apiQuoted('Pod', target.name)} not found`);
    return pod;
  }
  const owner = store.get(target.kind, namespace, target.name);
  if (!owner) throw new ApiError('NotFound', `${apiQuoted(target.kind, target.name)} not found`);
  // A ReplicationController's selector is a plain label map; the others are LabelSelectors.
  const raw = owner.spec?.selector;
  const selector = !raw ? undefined : target.kind === 'ReplicationController' ? selectorFromSet(raw) : selectorFromLabelSelector(raw);
  if (!selector) throw new ApiError('BadRequest', `${kubectlRef(target.kind, target.name)} has no pod selector`);
  const running = store
    .list<Pod>('Pod', { namespace, labelSelector: selector })
    .filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && p.spec?.nodeName && !cluster.kubelets.isStopped(p.spec.nodeName))
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  if (!running.length) throw new ApiError('BadRequest', `${kubectlRef(target.kind, target.name)} has no running pod to crash`);
  return running[0];
}

function load(cluster: Cluster, action: Extract<StepAction, { type: 'load' }>): string {
  const { kind, name } = action.target;
  const namespace = action.target.namespace ?? 'default';
  if (!cluster.store.get(kind, namespace, name)) throw new ApiError('NotFound', `${apiQuoted(kind, name)} not found`);
  cluster.usage.setLoad({ kind, namespace, name, cpuMilli: action.cpuMilli, memoryBytes: action.memoryBytes });
  const ref = kubectlRef(kind, name);
  if (!action.cpuMilli && !action.memoryBytes) return `${ref}: injected load removed`;
  const parts = [action.cpuMilli ? `${action.cpuMilli}m cpu` : '', action.memoryBytes ? `${Math.round(action.memoryBytes / 2 ** 20)}Mi memory` : ''].filter(Boolean);
  return `${ref}: ${parts.join(' and ')} of extra load spread over its ready pods (an HPA sees it at its next 15s sync)`;
}
