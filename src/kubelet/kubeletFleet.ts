// Every node's kubelet, as one controller named `kubelet`. It keeps a NodeAgent per Node (heartbeats,
// images, pod IPs) and a PodWorker per pod bound to a node, feeds pod keys through the shared work
// queue, and wakes pods waiting for a ConfigMap, Secret or claim when that object appears.
//
// Faults: stopNode(name) kills a node's kubelet (no heartbeats, pods keep their last status, deleted
// pods stay Terminating); startNode(name) brings it back. Logs: logs() and followLogs() serve what
// `kubectl logs [-f] [--previous]` shows.
import { ApiError, isApiError, notFound } from '../api/errors.js';
import type { Node, Pod } from '../api/types.js';
import { Controller, splitKey } from '../controllers/controller.js';
import type { ControlPlane } from '../controllers/controlPlane.js';
import type { EventType } from '../events/eventRecorder.js';
import type { Timer } from '../sim/clock.js';
import type { WatchEvent } from '../store/watch.js';
import { formatLogLine, type LogReadOptions } from './containerLogs.js';
import type { ObjectWait } from './envVars.js';
import { NodeAgent, type AgentHost } from './nodeAgent.js';
import type { ContainerInstance, ContainerRecord, KubeletHost } from './podState.js';
import { PodWorker, type WorkerIO } from './podWorker.js';
import { hasKubeletStatus } from './adoption.js';
import { terminationReason } from '../sim/workload.js';

export interface LogFollowOptions extends LogReadOptions {
  previous?: boolean;
}

/** How often (virtual time) a followed log is checked for new lines. */
const FOLLOW_POLL_MS = 1000;

interface Follower {
  uid: string;
  instance: ContainerInstance;
  options: LogReadOptions;
  lastTime: number;
  seenAtLastTime: number;
  onLine: (line: string) => void;
  onEnd?: () => void;
  timer?: Timer;
  done: boolean;
}

export class KubeletFleet extends Controller {
  readonly name = 'kubelet';
  protected override readonly primaryKind = 'Pod';
  private readonly agents = new Map<string, NodeAgent>();
  private readonly workers = new Map<string, PodWorker>();
  private readonly keyToUid = new Map<string, string>();
  private readonly waiters = new Map<string, Set<string>>();
  private readonly followers = new Map<string, Set<Follower>>();
  /** Nodes whose kubelet stays down when they appear (restoring a saved cluster). */
  private readonly startStopped = new Set<string>();
  /** The resourceVersion this kubelet's status write is about to produce: that MODIFIED event needs no reconcile. */
  private ownWrite: { uid: string; rv: string } | undefined;

  /** What workers and agents may use of the fleet. */
  private readonly host: KubeletHost & AgentHost;
  /** The writes every pod worker makes through the fleet (one object for all of them). */
  private readonly workerIO: WorkerIO;

  constructor(cp: ControlPlane) {
    super(cp);
    this.host = {
      cp,
      event: (pod, nodeName, type, reason, message, fieldPath) => this.podEvent(pod, nodeName, type, reason, message, fieldPath),
      decide: (pod, d) => this.decide(pod, d.action, d.reason, d.details),
      waitFor: (podKey, wait) => this.waitFor(podKey, wait),
      logsChanged: (uid) => this.logsChanged(uid),
      nodeEvent: (node, type, reason, message) => this.nodeEvent(node, type, reason, message),
      nodeDecision: (node, action, reason, details) => this.nodeDecision(node, action, reason, details),
    };
    this.workerIO = {
      writeStatus: (p, status) => this.writeStatus(p, status),
      deletePod: (p) => this.deletePod(p),
      enqueue: (k) => this.enqueue(k),
    };
  }

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'Node' }, (e) => this.onNode(e));
    store.watch({ kind: 'Pod' }, (e) => this.onPod(e));
    for (const kind of ['ConfigMap', 'Secret', 'PersistentVolumeClaim']) store.watch({ kind }, (e) => this.onDependency(e));
    for (const node of store.list<Node>('Node')) this.addAgent(node);
    for (const pod of store.list<Pod>('Pod')) if (pod.spec?.nodeName) this.enqueue(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }

  reconcile(key: string): void {
    const knownUid = this.keyToUid.get(key);
    // A pod this kubelet runs is found by its uid (one lookup); a name can also hold a newer pod.
    const pod = (knownUid !== undefined ? (this.cp.store.getByUid(knownUid) as Pod | undefined) : undefined) ?? this.podNamed(key);
    if (!pod) {
      if (knownUid) this.disposeWorker(knownUid);
      return;
    }
    const uid = pod.metadata.uid ?? '';
    if (knownUid && knownUid !== uid) this.disposeWorker(knownUid);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const agent = this.agents.get(nodeName);
    if (!agent || agent.stopped) return;
    let worker = this.workers.get(uid);
    if (!worker) {
      // A finished pod is adopted as it ended (its containers stay terminated, their logs readable);
      // one that never ran here (rejected at admission) needs nothing from this kubelet.
      const phase = pod.status?.phase;
      if ((phase === 'Succeeded' || phase === 'Failed') && !pod.metadata.deletionTimestamp && !hasKubeletStatus(pod)) return;
      worker = new PodWorker(pod, agent, this.host, this.workerIO, key);
      this.workers.set(uid, worker);
      this.keyToUid.set(key, uid);
      agent.pods.add(uid);
    }
    worker.sync(pod);
  }

  private podNamed(key: string): Pod | undefined {
    const { namespace, name } = splitKey(key);
    return this.cp.store.get<Pod>('Pod', namespace, name);
  }

  // ---- watches ------------------------------------------------------------------------------

  private onNode(e: WatchEvent): void {
    const node = e.object as Node;
    const name = node.metadata.name ?? '';
    if (e.type === 'ADDED') this.addAgent(node);
    else if (e.type === 'DELETED') {
      const agent = this.agents.get(name);
      if (agent) {
        agent.dispose();
        for (const uid of agent.pods) this.workers.get(uid)?.pause();
      }
      this.agents.delete(name);
    } else {
      const before = !!(e.old as Node | undefined)?.spec?.unschedulable;
      const after = !!node.spec?.unschedulable;
      const agent = this.agents.get(name);
      if (before !== after && agent && !agent.stopped) {
        const what = after ? 'NodeNotSchedulable' : 'NodeSchedulable';
        this.nodeEvent(node, 'Normal', what, `Node ${name} status is now: ${what}`);
      }
    }
  }

  private addAgent(node: Node): void {
    const name = node.metadata.name ?? '';
    if (this.agents.has(name)) return;
    const agent = new NodeAgent(name, this.host);
    this.agents.set(name, agent);
    // A node that already ran pods (a restored cluster): its images and pod addresses are still there.
    agent.adopt(this.cp.store.list<Pod>('Pod', { nodeName: name }));
    // A restored cluster's node whose kubelet was down: it appears without a heartbeat.
    if (this.startStopped.delete(name)) agent.stopped = true;
    else agent.start(false);
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Pod;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (e.type === 'DELETED') {
      const uid = pod.metadata.uid ?? '';
      if (this.workers.has(uid)) this.disposeWorker(uid);
      return;
    }
    if (!pod.spec?.nodeName) return;
    // Our own status write needs no second look; another component writing meanwhile does.
    if (this.ownWrite && pod.metadata.uid === this.ownWrite.uid && pod.metadata.resourceVersion === this.ownWrite.rv) return;
    const agent = this.agents.get(pod.spec.nodeName);
    if (!agent || agent.stopped) return;
    this.enqueue(key);
  }

  private onDependency(e: WatchEvent): void {
    const obj = e.object;
    const waitKey = `${obj.kind}/${obj.metadata.namespace}/${obj.metadata.name}`;
    const pods = this.waiters.get(waitKey);
    if (!pods) return;
    this.waiters.delete(waitKey);
    for (const podKey of pods) {
      const uid = this.keyToUid.get(podKey);
      if (uid) this.workers.get(uid)?.retryNow();
      this.enqueue(podKey);
    }
  }

  private disposeWorker(uid: string): void {
    const worker = this.workers.get(uid);
    if (!worker) return;
    worker.dispose();
    this.workers.delete(uid);
    if (this.keyToUid.get(worker.key) === uid) this.keyToUid.delete(worker.key);
    worker.agent.pods.delete(uid);
    for (const f of this.followers.get(uid) ?? []) this.endFollow(f);
  }

  // ---- writes ---------------------------------------------------------------------------------

  private writeStatus(pod: Pod, status: NonNullable<Pod['status']>): Pod | undefined {
    this.ownWrite = { uid: pod.metadata.uid ?? '', rv: String(this.cp.store.resourceVersion + 1) };
    try {
      // Every status a worker writes is built new for this write (podStatus.ts) and never touched
      // again: the store may keep it as it is instead of copying it.
      return this.cp.store.updateStatus({ ...pod, status }, { adopt: true });
    } catch (e) {
      if (!isApiError(e)) throw e;
      // Someone wrote the pod in between (or it is gone): look again.
      if (e.reason === 'Conflict') this.enqueue(`${pod.metadata.namespace}/${pod.metadata.name}`);
      return undefined;
    } finally {
      this.ownWrite = undefined;
    }
  }

  private deletePod(pod: Pod): void {
    try {
      this.cp.store.delete('Pod', pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
  }

  // ---- services for workers and agents -------------------------------------------------------

  private podEvent(pod: Pod, nodeName: string, type: EventType, reason: string, message: string, fieldPath?: string): void {
    this.cp.events.record({ component: 'kubelet', host: nodeName }, pod, type, reason, message, fieldPath ? { fieldPath } : {});
  }

  private waitFor(podKey: string, wait: ObjectWait): void {
    const key = `${wait.kind}/${wait.namespace}/${wait.name}`;
    let set = this.waiters.get(key);
    if (!set) this.waiters.set(key, (set = new Set()));
    set.add(podKey);
  }

  private logsChanged(uid: string): void {
    for (const f of this.followers.get(uid) ?? []) this.pollFollower(f);
  }

  private nodeEvent(node: Node, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.cp.events.record({ component: 'kubelet', host: node.metadata.name }, node, type, reason, message);
  }

  private nodeDecision(node: string, action: string, reason: string, details?: unknown): void {
    this.cp.decisions.record({ component: this.name, object: { kind: 'Node', name: node }, action, reason, details });
  }

  // ---- faults -----------------------------------------------------------------------------------

  /** The node's kubelet dies: no heartbeats, no pod status updates; pods keep their last status. */
  stopNode(name: string): void {
    const agent = this.agents.get(name);
    if (!agent || agent.stopped) return;
    agent.stop();
    for (const uid of agent.pods) this.workers.get(uid)?.pause();
  }

  /** The kubelet comes back: heartbeats resume and every pod on the node is synced again. */
  startNode(name: string): void {
    const agent = this.agents.get(name);
    if (!agent || !agent.stopped) return;
    agent.start(true);
    for (const pod of this.cp.store.list<Pod>('Pod', { nodeName: name })) this.enqueue(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }

  /** Before a restore: these nodes' kubelets were down when the cluster was saved, and stay down. */
  keepStopped(names: Iterable<string>): void {
    for (const name of names) this.startStopped.add(name);
  }

  isStopped(name: string): boolean {
    return this.agents.get(name)?.stopped ?? false;
  }

  /** Fault injection: a container's process dies now with this exit code (default 1). */
  crashContainer(namespace: string, podName: string, container?: string, exitCode = 1): boolean {
    const worker = this.workerFor(namespace, podName);
    const rec = worker && (container ? worker.records().find((r) => r.name === container) : worker.containers[0]);
    const inst = rec?.current;
    if (!worker || !rec || !inst || inst.terminated || inst.stop) return false;
    const now = this.cp.clock.now();
    inst.stop = { at: now, exitCode, reason: terminationReason(exitCode), cause: 'crashed (fault injection)' };
    this.decide(worker.pod, `container ${rec.name} crashed`, `${worker.nodeName}: fault injection: the process exits with code ${exitCode}`, { node: worker.nodeName, container: rec.name, exitCode });
    this.enqueue(worker.key);
    return true;
  }

  // ---- logs -------------------------------------------------------------------------------------

  /** `kubectl logs`: the container's log lines (current instance, or the previous one). */
  logs(namespace: string, podName: string, container?: string, options: LogFollowOptions = {}): string[] {
    const { instance } = this.findInstance(namespace, podName, container, !!options.previous);
    return instance.log.read(this.cp.clock.now(), options).map((l) => formatLogLine(l, options.timestamps));
  }

  /**
   * `kubectl logs -f`: sends the lines so far (as logs() would), then each new line as the virtual
   * clock runs, until the container instance ends (onEnd) or the returned function is called.
   */
  followLogs(namespace: string, podName: string, container: string | undefined, options: LogFollowOptions, onLine: (line: string) => void, onEnd?: () => void): () => void {
    const { worker, instance } = this.findInstance(namespace, podName, container, !!options.previous);
    const now = this.cp.clock.now();
    const initial = instance.log.read(now, options);
    const last = initial[initial.length - 1];
    const follower: Follower = {
      uid: worker.uid,
      instance,
      options: { timestamps: options.timestamps },
      lastTime: last ? last.time : now,
      seenAtLastTime: last ? initial.filter((l) => l.time === last.time).length : 0,
      onLine,
      onEnd,
      done: false,
    };
    for (const l of initial) onLine(formatLogLine(l, options.timestamps));
    let set = this.followers.get(worker.uid);
    if (!set) this.followers.set(worker.uid, (set = new Set()));
    set.add(follower);
    this.pollFollower(follower);
    return () => this.endFollow(follower, false);
  }

  private pollFollower(f: Follower): void {
    if (f.done) return;
    const now = this.cp.clock.now();
    const lines = f.instance.log.read(now, { sinceTime: f.lastTime });
    let skip = f.seenAtLastTime;
    for (const l of lines) {
      if (l.time === f.lastTime && skip > 0) {
        skip--;
        continue;
      }
      if (l.time !== f.lastTime) {
        f.lastTime = l.time;
        f.seenAtLastTime = 0;
      }
      f.seenAtLastTime++;
      f.onLine(formatLogLine(l, f.options.timestamps));
    }
    this.cp.clock.cancel(f.timer);
    f.timer = undefined;
    if (f.instance.terminated && f.instance.terminated.finishedAt <= now) {
      this.endFollow(f);
      return;
    }
    f.timer = this.cp.clock.after(FOLLOW_POLL_MS, () => this.pollFollower(f), 'kubelet log follow');
  }

  private endFollow(f: Follower, notify = true): void {
    if (f.done) return;
    f.done = true;
    this.cp.clock.cancel(f.timer);
    this.followers.get(f.uid)?.delete(f);
    if (notify) f.onEnd?.();
  }

  private workerFor(namespace: string, podName: string): PodWorker | undefined {
    const uid = this.keyToUid.get(`${namespace}/${podName}`);
    return uid ? this.workers.get(uid) : undefined;
  }

  private findInstance(namespace: string, podName: string, container: string | undefined, previous: boolean): { worker: PodWorker; rec: ContainerRecord; instance: ContainerInstance } {
    const pod = this.cp.store.get<Pod>('Pod', namespace, podName);
    if (!pod) throw notFound('pods', podName);
    if (!pod.spec?.nodeName) throw new ApiError('BadRequest', `pod ${podName} does not have a host assigned`);
    const names = (pod.spec.containers ?? []).map((c) => c.name);
    const initNames = (pod.spec.initContainers ?? []).map((c) => c.name);
    let name = container;
    if (!name) {
      const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
      if (preferred && names.includes(preferred)) name = preferred;
      else if (names.length === 1) name = names[0];
      else {
        throw new ApiError('BadRequest', `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]${initNames.length ? ` or one of the init containers: [${initNames.join(' ')}]` : ''}`);
      }
    }
    if (!names.includes(name) && !initNames.includes(name)) throw new ApiError('BadRequest', `container ${name} is not valid for pod ${podName}`);
    const worker = this.workerFor(namespace, podName);
    const rec = worker?.records().find((r) => r.name === name);
    if (!worker || !rec) throw new ApiError('BadRequest', `container "${name}" in pod "${podName}" is waiting to start: ${initNames.length ? 'PodInitializing' : 'ContainerCreating'}`);
    const instance = previous ? rec.previous : rec.current;
    if (!instance) {
      if (previous) throw new ApiError('BadRequest', `previous terminated container "${name}" in pod "${podName}" not found`);
      throw new ApiError('BadRequest', `container "${name}" in pod "${podName}" is waiting to start: ${rec.waiting?.reason ?? (initNames.length ? 'PodInitializing' : 'ContainerCreating')}`);
    }
    return { worker, rec, instance };
  }

  // ---- inspection (dashboard, tests) -----------------------------------------------------------

  /** Images present on a node (normalized names). */
  nodeImages(name: string): string[] {
    return (this.agents.get(name)?.images.statusImages() ?? []).map((i) => i.names[1] ?? i.names[0]);
  }

  /** How many pods each kubelet is running a worker for. */
  podCount(name: string): number {
    return this.agents.get(name)?.pods.size ?? 0;
  }
}
