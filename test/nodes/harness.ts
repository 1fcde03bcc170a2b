// A hand-made control plane for the node tests: the store, clock and queue composed as src/cluster.ts
// composes them, the three node-side controllers, and a stand-in kubelet that renews each node's Lease
// every 10 s (and can be stopped and restarted) so the tests control heartbeats exactly.
import type { KObject } from '../../src/api/object.js';
import type { core, Lease, Node, Pod } from '../../src/api/types.js';
import type { ControlPlane } from '../../src/controllers/controlPlane.js';
import type { Controller } from '../../src/controllers/controller.js';
import { NodeLifecycleController } from '../../src/controllers/nodeLifecycleController.js';
import { PodGCController } from '../../src/controllers/podGCController.js';
import { TaintEvictionController } from '../../src/controllers/taintEvictionController.js';
import { WorkQueue } from '../../src/controllers/workQueue.js';
import { DecisionLog } from '../../src/events/decisionLog.js';
import { EventRecorder } from '../../src/events/eventRecorder.js';
import { buildNodeObject } from '../../src/kubelet/nodeObject.js';
import { VirtualClock, type Timer } from '../../src/sim/clock.js';
import { DEFAULT_NODE, type NodeSpec } from '../../src/sim/nodeSpec.js';
import { SeededRandom } from '../../src/sim/random.js';
import { Store } from '../../src/store/store.js';

export const T0 = Date.UTC(2026, 0, 1);
export const s = (seconds: number) => T0 + seconds * 1000;

/** Renews `kube-node-lease/<node>` every 10 s, like the kubelet's lease controller. */
class FakeKubelets {
  private readonly timers = new Map<string, Timer>();
  constructor(private readonly cp: ControlPlane) {}

  run(node: string, firstRenewInMs = 10_000): void {
    const { store, clock } = this.cp;
    const renew = () => {
      const renewTime = new Date(clock.now()).toISOString().replace('Z', '000Z');
      if (store.get('Lease', 'kube-node-lease', node)) {
        store.modify<Lease>('Lease', 'kube-node-lease', node, (l) => void (l.spec!.renewTime = renewTime), { trusted: true });
      } else {
        store.create<Lease>({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: node, namespace: 'kube-node-lease' },
          spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime },
        }, { trusted: true });
      }
      this.timers.set(node, clock.after(10_000, renew, `lease ${node}`));
    };
    this.timers.set(node, clock.after(firstRenewInMs, renew, `lease ${node}`));
  }

  stop(node: string): void {
    this.cp.clock.cancel(this.timers.get(node));
    this.timers.delete(node);
  }

  /** A kubelet coming back: renews its lease and posts Ready again at once. */
  resume(node: string): void {
    const { store, clock } = this.cp;
    const now = clock.iso();
    store.modify<Node>('Node', undefined, node, (n) => {
      for (const c of n.status!.conditions!) {
        c.lastHeartbeatTime = now;
        const healthy = c.type === 'Ready' ? 'True' : 'False';
        if (c.status !== healthy) {
          c.status = healthy;
          c.lastTransitionTime = now;
          c.reason = { Ready: 'KubeletReady', MemoryPressure: 'KubeletHasSufficientMemory', DiskPressure: 'KubeletHasNoDiskPressure', PIDPressure: 'KubeletHasSufficientPID' }[c.type]!;
        }
      }
    }, { subresource: 'status' });
    this.run(node, 0);
  }
}

export function makeCluster(options: { nodes?: number | NodeSpec[]; seed?: number; kubeletOffsetMs?: number } = {}) {
  const clock = new VirtualClock(T0);
  const random = new SeededRandom(options.seed ?? 1);
  const store = new Store(clock, random);
  const queue = new WorkQueue();
  const decisions = new DecisionLog(() => clock.now());
  const events = new EventRecorder(store);
  const cp: ControlPlane = { store, clock, random, queue, decisions, events, usage: { podUsage: () => undefined } };
  for (const name of ['default', 'kube-system', 'kube-node-lease'])
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { trusted: true });
  const lifecycle = new NodeLifecycleController(cp);
  const taintEviction = new TaintEvictionController(cp);
  const podGC = new PodGCController(cp);
  const controllers: Controller[] = [lifecycle, taintEviction, podGC];
  for (const c of controllers) c.start();
  const kubelets = new FakeKubelets(cp);

  const settle = () => {
    for (let item = queue.take(); item; item = queue.take()) (item.owner as Controller).run(item.key);
  };
  const runUntil = (target: number) => {
    for (;;) {
      settle();
      const next = clock.nextAt();
      if (next === undefined || next > target) break;
      if (next > clock.now()) clock.setNow(next);
      while (clock.runOneDue()) {
        // timers due at the same instant run together, then their work settles
      }
    }
    if (target > clock.now()) clock.setNow(target);
    settle();
  };

  const addNode = (spec: NodeSpec) => {
    const node = store.create(buildNodeObject(spec, clock.iso()), { trusted: true });
    kubelets.run(spec.name, 10_000 + (options.kubeletOffsetMs ?? 0));
    settle();
    return node;
  };
  const specs = typeof options.nodes === 'object' ? options.nodes : Array.from({ length: options.nodes ?? 3 }, (_, i) => ({ ...DEFAULT_NODE, name: `node-${i + 1}` }));
  for (const spec of specs) addNode(spec);
  settle();

  return {
    cp,
    store,
    clock,
    decisions,
    lifecycle,
    taintEviction,
    podGC,
    kubelets,
    settle,
    addNode,
    /** Runs timers and reconciles up to and including the instant `ms` after the epoch. */
    runTo: (ms: number) => runUntil(ms),
    node: (name: string) => store.get<Node>('Node', undefined, name)!,
    pod: (name: string, namespace = 'default') => store.get<Pod>('Pod', namespace, name),
    events: (reason?: string) =>
      store.list<KObject>('Event').filter((e) => reason === undefined || e.reason === reason) as Array<KObject & { reason: string; message: string; type: string; source?: { component?: string }; involvedObject: { name?: string; kind?: string } }>,
    decisionsOf: (component: string) => decisions.query({ component }),
  };
}

export type TestCluster = ReturnType<typeof makeCluster>;

/** A running, Ready pod bound to a node, as the scheduler and kubelet would have left it. */
export function runningPod(
  name: string,
  nodeName: string,
  extra: {
    tolerations?: core.Toleration[];
    owner?: { kind: string; name: string; uid?: string };
    volumes?: core.Volume[];
    namespace?: string;
    phase?: string;
    reason?: string;
    annotations?: Record<string, string>;
  } = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: extra.namespace ?? 'default',
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
      ...(extra.owner
        ? { ownerReferences: [{ apiVersion: extra.owner.kind === 'DaemonSet' || extra.owner.kind === 'ReplicaSet' ? 'apps/v1' : 'v1', kind: extra.owner.kind, name: extra.owner.name, uid: extra.owner.uid ?? `uid-${extra.owner.name}`, controller: true }] }
        : {}),
    },
    spec: {
      nodeName,
      containers: [{ name: 'app', image: 'nginx:1.27' }],
      terminationGracePeriodSeconds: 30,
      ...(extra.tolerations ? { tolerations: extra.tolerations } : {}),
      ...(extra.volumes ? { volumes: extra.volumes } : {}),
    },
    status: {
      phase: extra.phase ?? 'Running',
      ...(extra.reason ? { reason: extra.reason } : {}),
      conditions: [
        { type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
    },
  };
}

/** The tolerations the DefaultTolerationSeconds admission plugin adds, written out explicitly. */
export const DEFAULT_TOLERATIONS: core.Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];
