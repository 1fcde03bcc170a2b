// Fault injection for learners: a node's kubelet stops (and comes back), a pod's container crashes.
// Each returns a sentence telling what the cluster will do about it.
import { ApiError } from '../api/errors.js';
import type { Node, Pod } from '../api/types.js';
import { NODE_MONITOR_GRACE_MS, NODE_MONITOR_PERIOD_MS } from '../controllers/nodeLifecycleController.js';
import type { KubeletFleet } from '../kubelet/kubeletFleet.js';
import { DEFAULT_TOLERATION_SECONDS } from '../store/admission/defaultTolerationSeconds.js';
import type { Store } from '../store/store.js';

export interface FaultTarget {
  store: Store;
  kubelets: Pick<KubeletFleet, 'stopNode' | 'startNode' | 'isStopped' | 'crashContainer'>;
}

function mustNode(cluster: FaultTarget, name: string): Node {
  const node = cluster.store.get<Node>('Node', undefined, name);
  if (!node) throw new ApiError('NotFound', `nodes "${name}" not found`, [], { kind: 'nodes', name });
  return node;
}

export function isNodeDown(cluster: FaultTarget, name: string): boolean {
  return cluster.kubelets.isStopped(name);
}

/** The node's kubelet stops: no heartbeats, no pod status; the node controller takes it from there. */
export function nodeDown(cluster: FaultTarget, name: string): string {
  mustNode(cluster, name);
  if (cluster.kubelets.isStopped(name)) return `${name} is already down`;
  cluster.kubelets.stopNode(name);
  return (
    `${name} is down: its kubelet stopped posting status; the node controller marks it Unknown after ` +
    `${NODE_MONITOR_GRACE_MS / 1000}s and evicts its pods after their ${DEFAULT_TOLERATION_SECONDS}s tolerations`
  );
}

/** The kubelet comes back: heartbeats resume and it syncs every pod bound to the node. */
export function nodeUp(cluster: FaultTarget, name: string): string {
  mustNode(cluster, name);
  if (!cluster.kubelets.isStopped(name)) return `${name} is already up`;
  cluster.kubelets.startNode(name);
  return (
    `${name} is back: its kubelet posts status again; the node controller sees it Ready within ` +
    `${NODE_MONITOR_PERIOD_MS / 1000}s and lifts the unreachable taints, so pods can be scheduled there again`
  );
}

export function toggleNode(cluster: FaultTarget, name: string): string {
  return cluster.kubelets.isStopped(name) ? nodeUp(cluster, name) : nodeDown(cluster, name);
}

/** The pod's first container exits with code 1 now; its kubelet applies the restart policy. */
export function crashPod(cluster: FaultTarget, namespace: string, name: string): string {
  const pod = cluster.store.get<Pod>('Pod', namespace, name);
  if (!pod) throw new ApiError('NotFound', `pods "${name}" not found`, [], { kind: 'pods', name });
  const node = pod.spec?.nodeName;
  if (!node) throw new ApiError('BadRequest', `pod ${name} is not on a node yet: nothing runs to crash`);
  if (cluster.kubelets.isStopped(node)) throw new ApiError('BadRequest', `the kubelet of ${node} is down: nothing there can crash or restart`);
  const container = pod.spec?.containers?.[0]?.name;
  if (!container || !cluster.kubelets.crashContainer(namespace, name, container, 1)) {
    throw new ApiError('BadRequest', `container ${container ?? ''} of pod ${name} is not running: nothing to crash`);
  }
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const next = policy === 'Never' ? 'restartPolicy Never: it stays terminated' : `restartPolicy ${policy}: the kubelet restarts it, with back-off if it keeps failing`;
  return `pod/${name}: container ${container} crashed (exit code 1); ${next}`;
}
