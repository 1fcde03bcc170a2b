// node-controller (pkg/controller/nodelifecycle): watches each node's heartbeats (its Lease in
// kube-node-lease and the Ready condition's lastHeartbeatTime). A node silent for longer than the
// node-monitor-grace-period (50 s) has Ready, MemoryPressure, DiskPressure and PIDPressure set to Unknown;
// conditions are mirrored as NoSchedule taints, Ready=False/Unknown as a NoExecute taint (which the
// taint-eviction-controller acts on), and spec.unschedulable as node.kubernetes.io/unschedulable.
//
// Upstream checks every node every --node-monitor-period (5 s). Here each node has one lazy timer at the
// moment its silence would become interesting, and decisions fall on the same 5 s ticks upstream uses,
// counted from the controller's start: a node whose last heartbeat was at T turns Unknown on the first
// tick at or after T + 50 s.
import { nsName } from '../api/object.js';
import type { Lease, Node, Pod } from '../api/types.js';
import type { Timer } from '../sim/clock.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller } from './controller.js';
import {
  clockTime,
  CONDITION_TAINTS,
  CONTROLLER_NOSCHEDULE_KEYS,
  hasTaint,
  nodeCondition,
  readyStatus,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  taintText,
  zoneOf,
  type Taint,
} from './nodeTaints.js';
import { ZoneTracker, type ZoneChange } from './nodeZones.js';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_MS = 50_000;
export const NODE_STARTUP_GRACE_MS = 60_000;
/** Two missed lease renewals (the kubelet renews every 10 s): from here on the wait is worth telling. */
export const HEARTBEAT_OVERDUE_MS = 20_000;
/** While waiting out the grace period, say so every 10 s rather than on every 5 s tick. */
const WAIT_REPORT_STEP_MS = 10_000;
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
const HEALTH_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

interface NodeHealth {
  /** When the controller last saw a heartbeat (a new lease renewTime or Ready lastHeartbeatTime). */
  probeMs: number;
  leaseRenew?: string;
  readyHeartbeat?: string;
  registered: boolean;
  timer?: Timer;
}

export class NodeLifecycleController extends Controller {
  readonly name = 'node-controller';
  protected override readonly primaryKind = 'Node';
  private readonly health = new Map<string, NodeHealth>();
  private readonly zones = new ZoneTracker();
  private originMs = 0;

  start(): void {
    this.originMs = this.cp.clock.now();
    const { store } = this.cp;
    store.watch({ kind: 'Node' }, (e) => this.onNode(e));
    store.watch({ kind: 'Lease', namespace: NODE_LEASE_NAMESPACE }, (e) => this.onLease(e));
    for (const node of store.list<Node>('Node')) this.onNode({ type: 'ADDED', object: node });
    for (const lease of store.list<Lease>('Lease', { namespace: NODE_LEASE_NAMESPACE })) this.onLease({ type: 'ADDED', object: lease });
  }

  /** The first monitor tick at or after `ms`. */
  tickAtOrAfter(ms: number): number {
    if (ms <= this.originMs) return this.originMs;
    return this.originMs + Math.ceil((ms - this.originMs) / NODE_MONITOR_PERIOD_MS) * NODE_MONITOR_PERIOD_MS;
  }

  // ---- watches --------------------------------------------------------------------------------

  private onNode(event: WatchEvent): void {
    const node = event.object as Node;
    const name = node.metadata.name!;
    const now = this.cp.clock.now();
    if (event.type === 'DELETED') {
      const h = this.health.get(name);
      this.cp.clock.cancel(h?.timer);
      this.health.delete(name);
      this.onZoneChange(this.zones.forget(name));
      this.event(node, 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      this.decide(node, 'forget node', 'the Node object was deleted; its heartbeats are no longer watched');
      return;
    }
    const heartbeat = nodeCondition(node, 'Ready')?.lastHeartbeatTime;
    let h = this.health.get(name);
    if (!h) {
      h = { probeMs: now, readyHeartbeat: heartbeat, registered: false };
      this.health.set(name, h);
      this.armTimer(name, h);
      // Registration shows on the next monitor tick, as upstream notices new nodes there.
      const tick = this.tickAtOrAfter(now);
      if (tick === now) this.enqueue(name);
      else this.enqueueAfter(name, tick - now);
    } else if (heartbeat !== h.readyHeartbeat) {
      h.readyHeartbeat = heartbeat;
      this.heard(name, h);
    }
    this.onZoneChange(this.zones.observe(node));
    const old = event.old as Node | undefined;
    if (old && signature(old) !== signature(node)) this.enqueue(name);
  }

  private onLease(event: WatchEvent): void {
    if (event.type === 'DELETED') return;
    const lease = event.object as Lease;
    const h = this.health.get(lease.metadata.name!);
    const renew = lease.spec?.renewTime ?? lease.spec?.acquireTime;
    if (!h || renew === undefined || renew === h.leaseRenew) return;
    h.leaseRenew = renew;
    this.heard(lease.metadata.name!, h);
  }

  private heard(name: string, h: NodeHealth): void {
    h.probeMs = this.cp.clock.now();
    this.armTimer(name, h);
  }

  /** One timer per node, re-armed lazily: when it fires early (a heartbeat came since), it moves on. */
  private armTimer(name: string, h: NodeHealth): void {
    if (h.timer && !h.timer.cancelled) return;
    const at = this.tickAtOrAfter(h.probeMs + HEARTBEAT_OVERDUE_MS);
    h.timer = this.cp.clock.at(at, () => {
      h.timer = undefined;
      if (this.health.get(name) !== h) return;
      if (this.cp.clock.now() < this.tickAtOrAfter(h.probeMs + HEARTBEAT_OVERDUE_MS)) this.armTimer(name, h);
      else this.enqueue(name);
    }, `node-controller heartbeat ${name}`);
  }

  private onZoneChange(change: ZoneChange): void {
    if (change.leftMasterDisruption) {
      // Upstream gives every node a fresh grace period when the cluster comes back from a full outage.
      for (const [name, h] of this.health) this.heard(name, h);
    }
    const zones = change.enteredMasterDisruption || change.leftMasterDisruption ? this.zones.allZones() : change.zones;
    const names = change.enteredMasterDisruption ? [...this.zones.nodeNames()] : this.zones.waitingIn(zones);
    for (const name of names) this.enqueue(name);
  }

  // ---- reconcile ------------------------------------------------------------------------------

  reconcile(name: string): void {
    const node = this.cp.store.get<Node>('Node', undefined, name);
    if (!node) return;
    let h = this.health.get(name);
    if (!h) {
      h = { probeMs: this.cp.clock.now(), registered: false };
      this.health.set(name, h);
      this.armTimer(name, h);
    }
    if (!h.registered) {
      h.registered = true;
      this.event(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      this.decide(node, 'register node', `new node in ${zoneOf(node) || 'the cluster'}; watching its Lease in ${NODE_LEASE_NAMESPACE}`);
    }
    const marked = this.checkHeartbeat(node, h);
    const current = this.syncNoScheduleTaints(marked ?? node);
    // Upstream's NoExecute pass runs after the whole monitor pass has updated every node, so that the
    // zone's state counts all the nodes that went silent together: look again once this tick is done.
    if (marked) this.enqueue(name);
    else this.syncNoExecuteTaint(current);
  }

  /** Marks the node Unknown once its silence passes the grace period; returns the updated node if it did. */
  private checkHeartbeat(node: Node, h: NodeHealth): Node | undefined {
    const { clock } = this.cp;
    const now = clock.now();
    const name = node.metadata.name!;
    const ready = nodeCondition(node, 'Ready');
    const graceMs = ready ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
    const deadline = this.tickAtOrAfter(h.probeMs + graceMs);
    const silentS = Math.round((now - h.probeMs) / 1000);
    if (now < deadline) {
      if (ready?.status !== 'Unknown' && now - h.probeMs >= HEARTBEAT_OVERDUE_MS) {
        this.decide(
          node,
          'wait',
          `no heartbeat for ${silentS}s; waiting until ${graceMs / 1000}s grace period (at ${clockTime(clock.iso(deadline))}) before marking it Unknown`,
          { lastHeartbeat: clock.iso(h.probeMs), silentSeconds: silentS, gracePeriodSeconds: graceMs / 1000, unknownAt: clock.iso(deadline) },
        );
        this.enqueueAfter(name, Math.min(WAIT_REPORT_STEP_MS, deadline - now));
      }
      return undefined;
    }
    if (HEALTH_CONDITIONS.every((type) => nodeCondition(node, type)?.status === 'Unknown')) return undefined;

    const nowIso = clock.iso(now);
    const wasReady = ready?.status === 'True';
    const updated = this.cp.store.modify<Node>('Node', undefined, name, (draft) => {
      const status = (draft.status ??= {});
      const conditions = (status.conditions ??= []);
      for (const type of HEALTH_CONDITIONS) {
        const c = conditions.find((x) => x.type === type);
        if (!c) {
          conditions.push({
            type,
            status: 'Unknown',
            reason: 'NodeStatusNeverUpdated',
            message: 'Kubelet never posted node status.',
            lastHeartbeatTime: draft.metadata.creationTimestamp,
            lastTransitionTime: nowIso,
          });
        } else if (c.status !== 'Unknown') {
          c.status = 'Unknown';
          c.reason = 'NodeStatusUnknown';
          c.message = 'Kubelet stopped posting node status.';
          c.lastTransitionTime = nowIso;
        }
      }
    }, { subresource: 'status' });
    const why = ready
      ? `no heartbeat for ${silentS}s (last at ${clockTime(clock.iso(h.probeMs))}), longer than the ${graceMs / 1000}s node-monitor-grace-period: Kubelet stopped posting node status.`
      : `the kubelet never posted node status within the ${graceMs / 1000}s node-startup-grace-period`;
    this.decide(updated, 'set Ready, MemoryPressure, DiskPressure, PIDPressure to Unknown', why, {
      lastHeartbeat: clock.iso(h.probeMs),
      silentSeconds: silentS,
      gracePeriodSeconds: graceMs / 1000,
    });
    if (wasReady) {
      this.event(updated, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      this.markPodsNotReady(updated);
    }
    return updated;
  }

  /** MarkPodsNotReady: the pods' Ready condition turns False, so endpoints stop sending them traffic. */
  private markPodsNotReady(node: Node): void {
    const { store, clock } = this.cp;
    const changed: string[] = [];
    for (const pod of store.list<Pod>('Pod', { nodeName: node.metadata.name! })) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const updated = store.modify<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (draft) => {
        const c = draft.status!.conditions!.find((x) => x.type === 'Ready')!;
        c.status = 'False';
        c.lastTransitionTime = clock.iso();
      }, { subresource: 'status' });
      this.event(updated, 'Warning', 'NodeNotReady', 'Node is not ready');
      changed.push(nsName(pod));
    }
    if (changed.length)
      this.decide(node, `mark ${changed.length} pod${changed.length === 1 ? '' : 's'} not Ready`, `node is not Ready: ${changed.join(', ')}`, { pods: changed });
  }

  /** doNoScheduleTaintingPass: one NoSchedule taint per unhealthy condition, plus unschedulable. */
  private syncNoScheduleTaints(node: Node): Node {
    const desired = new Map<string, string>(); // key → why
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) desired.set(key, `${c.type} is ${c.status}`);
    }
    if (node.spec?.unschedulable) desired.set(TAINT_UNSCHEDULABLE, 'spec.unschedulable is true (cordoned)');
    const current = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && CONTROLLER_NOSCHEDULE_KEYS.has(t.key));
    const toAdd = [...desired.keys()].filter((key) => !current.some((t) => t.key === key));
    const toRemove = current.filter((t) => !desired.has(t.key));
    if (!toAdd.length && !toRemove.length) return node;
    const added = toAdd.map((key): Taint => ({ key, effect: 'NoSchedule', timeAdded: this.cp.clock.iso() }));
    const updated = this.writeTaints(node, added, toRemove);
    const actions = [
      ...added.map((t) => `add taint ${taintText(t)}`),
      ...toRemove.map((t) => `remove taint ${taintText(t)}`),
    ];
    const reasons = [
      ...toAdd.map((key) => desired.get(key)!),
      ...toRemove.map((t) => (t.key === TAINT_UNSCHEDULABLE ? 'spec.unschedulable is false (uncordoned)' : `${conditionFor(t.key)} is healthy again`)),
    ];
    this.decide(updated, actions.join(', '), reasons.join('; '), { added, removed: toRemove });
    return updated;
  }

  /** processTaintBaseEviction + doNoExecuteTaintingPass: Ready False → not-ready, Unknown → unreachable. */
  private syncNoExecuteTaint(node: Node): void {
    const name = node.metadata.name!;
    const status = readyStatus(node);
    const unreachable = hasTaint(node, TAINT_UNREACHABLE, 'NoExecute');
    const notReady = hasTaint(node, TAINT_NOT_READY, 'NoExecute');
    const ours = [TAINT_UNREACHABLE, TAINT_NOT_READY].map((key): Taint => ({ key, effect: 'NoExecute' }));

    if (status === 'True' || this.zones.masterDisruption) {
      if (!unreachable && !notReady) {
        if (status !== 'True') this.refuseNoExecute(node);
        return;
      }
      const present = ours.filter((t) => hasTaint(node, t.key, 'NoExecute'));
      const updated = this.writeTaints(node, [], present);
      const why =
        status === 'True'
          ? 'node is Ready again; pods waiting out their tolerationSeconds stay'
          : 'every node in the cluster is NotReady: assuming a control-plane or network problem rather than dead nodes, so nothing is evicted';
      this.decide(updated, present.map((t) => `remove taint ${taintText(t)}`).join(', '), why);
      return;
    }

    const wantKey = status === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    const otherKey = wantKey === TAINT_NOT_READY ? TAINT_UNREACHABLE : TAINT_NOT_READY;
    const hasWant = wantKey === TAINT_UNREACHABLE ? unreachable : notReady;
    const hasOther = wantKey === TAINT_UNREACHABLE ? notReady : unreachable;
    if (hasWant && !hasOther) return;
    const taint: Taint = { key: wantKey, effect: 'NoExecute', timeAdded: this.cp.clock.iso() };
    const remove = hasOther ? [{ key: otherKey, effect: 'NoExecute' }] : [];
    if (hasWant) {
      const updated = this.writeTaints(node, [], remove);
      this.decide(updated, `remove taint ${otherKey}:NoExecute`, `Ready is ${status}, which ${wantKey}:NoExecute already covers`);
      return;
    }
    if (hasOther) {
      // Swapping one NoExecute taint for the other is not rate limited upstream.
      const updated = this.writeTaints(node, [taint], remove);
      this.decide(updated, `swap taint ${otherKey}:NoExecute for ${taintText(taint)}`, `Ready is now ${status}`);
      return;
    }
    const zone = zoneOf(node);
    const verdict = this.zones.tryTaint(zone, name, this.cp.clock.now());
    if (!verdict.ok) {
      this.decide(node, `wait before adding taint ${taintText(taint)}`, verdict.why, { zone, state: this.zones.stateOf(zone) });
      if (verdict.retryInMs !== undefined) this.enqueueAfter(name, verdict.retryInMs);
      return;
    }
    const updated = this.writeTaints(node, [taint], []);
    const since = nodeCondition(node, 'Ready')?.lastTransitionTime;
    this.decide(
      updated,
      `add taint ${taintText(taint)}`,
      `Ready is ${status}${since ? ` since ${clockTime(since)}` : ''}; pods that do not tolerate it are evicted now, the others after their tolerationSeconds (${verdict.why})`,
      { taint, zone, state: this.zones.stateOf(zone) },
    );
  }

  /** Records, once per stretch of master disruption, why a NotReady node gets no NoExecute taint. */
  private refuseNoExecute(node: Node): void {
    const verdict = this.zones.tryTaint(zoneOf(node), node.metadata.name!, this.cp.clock.now());
    if (!verdict.ok) this.decide(node, 'do not add a NoExecute taint', verdict.why);
  }

  private writeTaints(node: Node, add: Taint[], remove: Taint[]): Node {
    return this.cp.store.modify<Node>('Node', undefined, node.metadata.name!, (draft) => {
      const spec = (draft.spec ??= {});
      const kept = (spec.taints ?? []).filter((t) => !remove.some((r) => r.key === t.key && r.effect === t.effect));
      for (const t of add) if (!kept.some((k) => k.key === t.key && k.effect === t.effect)) kept.push(t);
      if (kept.length) spec.taints = kept;
      else delete spec.taints;
    }, { trusted: true });
  }
}

/** What about a node makes this controller look again: readiness, conditions, taints, cordon. */
function signature(node: Node): string {
  const conditions = (node.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',');
  const taints = (node.spec?.taints ?? []).map((t) => taintText(t)).join(',');
  return `${node.spec?.unschedulable ? 1 : 0}|${conditions}|${taints}|${zoneOf(node)}`;
}

function conditionFor(taintKey: string): string {
  for (const [type, byStatus] of Object.entries(CONDITION_TAINTS)) if (Object.values(byStatus).includes(taintKey)) return type;
  return taintKey;
}
