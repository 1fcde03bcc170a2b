// Zone health for the node lifecycle controller: how many nodes of each zone are Ready, the zone's
// disruption state, and the per-zone rate at which nodes may receive a NoExecute taint.
//
// Upstream (node_lifecycle_controller.go) recomputes this every monitor period over every node; here the
// counts are kept up to date from the node watch, so the cost follows what changed.
//
// Kept deliberately small: a token bucket of burst 1 per zone (`--node-eviction-rate` 0.1/s = one node
// every 10 s), the PartialDisruption rate (`--secondary-node-eviction-rate` 0.01/s, or 0 for zones of
// at most `--large-cluster-size-threshold` 50 nodes) and the "every zone is fully disrupted: taint
// nothing" rule. In a small cluster this is what a learner can see: one dead node is tainted at once, a
// second one in the same zone 10 s later, and a cluster whose every node is NotReady evicts nothing.
import { readyStatus, zoneOf } from './nodeTaints.js';
import type { Node } from '../api/types.js';

export const NODE_EVICTION_RATE = 0.1;
export const SECONDARY_NODE_EVICTION_RATE = 0.01;
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
export const EXCLUDE_DISRUPTION_LABEL = 'node.kubernetes.io/exclude-disruption';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

interface Member {
  zone: string;
  ready: boolean;
  excluded: boolean;
}

interface Zone {
  ready: number;
  notReady: number;
  state: ZoneState;
  /** When the zone's bucket last gave out its token; undefined = the bucket is full. */
  lastTaintAt?: number;
  /** Nodes that need a NoExecute taint but were refused one (rate 0): retried when the zone changes. */
  waiting: Set<string>;
}

export interface ZoneChange {
  /** Zones whose state changed (their waiting nodes deserve another look). */
  zones: string[];
  /** Every zone fully disrupted now, and not before (or the reverse). */
  enteredMasterDisruption: boolean;
  leftMasterDisruption: boolean;
}

export type TaintVerdict = { ok: true; why: string } | { ok: false; why: string; retryInMs?: number };

export class ZoneTracker {
  private readonly members = new Map<string, Member>();
  private readonly zones = new Map<string, Zone>();
  private allFullyDisrupted = false;

  /** Records a node's current readiness; returns what that changed. */
  observe(node: Node): ZoneChange {
    const name = node.metadata.name!;
    const next: Member = {
      zone: zoneOf(node),
      ready: readyStatus(node) === 'True',
      excluded: EXCLUDE_DISRUPTION_LABEL in (node.metadata.labels ?? {}),
    };
    const prev = this.members.get(name);
    if (prev && prev.zone === next.zone && prev.ready === next.ready && prev.excluded === next.excluded) return noChange();
    if (prev) this.count(prev, -1);
    if (prev && prev.zone !== next.zone) this.zones.get(prev.zone)?.waiting.delete(name);
    this.members.set(name, next);
    this.count(next, +1);
    return this.recompute(prev && prev.zone !== next.zone ? [prev.zone, next.zone] : [next.zone]);
  }

  forget(name: string): ZoneChange {
    const prev = this.members.get(name);
    if (!prev) return noChange();
    this.members.delete(name);
    this.count(prev, -1);
    this.zones.get(prev.zone)?.waiting.delete(name);
    return this.recompute([prev.zone]);
  }

  stateOf(zone: string): ZoneState {
    return this.zones.get(zone)?.state ?? 'Normal';
  }

  get masterDisruption(): boolean {
    return this.allFullyDisrupted;
  }

  readyCounts(zone: string): { ready: number; notReady: number } {
    const z = this.zones.get(zone);
    return { ready: z?.ready ?? 0, notReady: z?.notReady ?? 0 };
  }

  /** NoExecute taints per second the zone allows now (the limiter upstream swaps in per state). */
  rateOf(zone: string): number {
    if (this.allFullyDisrupted) return 0;
    const z = this.zones.get(zone);
    if (!z || z.state !== 'PartialDisruption') return NODE_EVICTION_RATE;
    return z.ready + z.notReady > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_NODE_EVICTION_RATE : 0;
  }

  /** Takes the zone's token for one NoExecute taint, or says why not and when to ask again. */
  tryTaint(zone: string, node: string, now: number): TaintVerdict {
    const z = this.zoneFor(zone);
    const label = zoneLabel(zone);
    const { ready, notReady } = z;
    if (this.allFullyDisrupted) {
      z.waiting.add(node);
      return {
        ok: false,
        why: `every node of every zone is NotReady (${notReady} of ${ready + notReady} in ${label}): the controller assumes a control-plane or network problem and taints nothing`,
      };
    }
    const rate = this.rateOf(zone);
    if (rate === 0) {
      z.waiting.add(node);
      return {
        ok: false,
        why: `${label} is in PartialDisruption (${notReady} of ${ready + notReady} nodes NotReady, threshold ${UNHEALTHY_ZONE_THRESHOLD * 100}%) and has at most ${LARGE_CLUSTER_SIZE_THRESHOLD} nodes: NoExecute tainting is stopped`,
      };
    }
    z.waiting.delete(node);
    const intervalMs = 1000 / rate;
    if (z.lastTaintAt !== undefined && now - z.lastTaintAt < intervalMs) {
      const retryInMs = z.lastTaintAt + intervalMs - now;
      return {
        ok: false,
        retryInMs,
        why: `${label} allows one NoExecute taint every ${intervalMs / 1000}s (node-eviction-rate ${rate}/s); next in ${Math.ceil(retryInMs / 1000)}s`,
      };
    }
    z.lastTaintAt = now;
    return { ok: true, why: `${label} is ${z.state} (node-eviction-rate ${rate}/s)` };
  }

  /** Nodes refused a taint in these zones, to look at again after the zones changed. */
  waitingIn(zones: Iterable<string>): string[] {
    const out: string[] = [];
    for (const zone of zones) for (const name of this.zones.get(zone)?.waiting ?? []) out.push(name);
    return out;
  }

  allZones(): string[] {
    return [...this.zones.keys()];
  }

  nodeNames(): IterableIterator<string> {
    return this.members.keys();
  }

  private zoneFor(zone: string): Zone {
    let z = this.zones.get(zone);
    if (!z) this.zones.set(zone, (z = { ready: 0, notReady: 0, state: 'Normal', waiting: new Set() }));
    return z;
  }

  private count(member: Member, delta: 1 | -1): void {
    if (member.excluded) return;
    const z = this.zoneFor(member.zone);
    if (member.ready) z.ready += delta;
    else z.notReady += delta;
  }

  private recompute(touched: string[]): ZoneChange {
    const changed: string[] = [];
    for (const zone of new Set(touched)) {
      const z = this.zoneFor(zone);
      const state = computeZoneState(z.ready, z.notReady);
      if (state !== z.state) {
        z.state = state;
        // Upstream swaps in a fresh limiter (a full bucket) when a zone changes state.
        z.lastTaintAt = undefined;
        changed.push(zone);
      }
    }
    const zonesWithNodes = [...this.zones.values()].filter((z) => z.ready + z.notReady > 0);
    const allFull = zonesWithNodes.length > 0 && zonesWithNodes.every((z) => z.state === 'FullDisruption');
    const entered = allFull && !this.allFullyDisrupted;
    const left = !allFull && this.allFullyDisrupted;
    this.allFullyDisrupted = allFull;
    if (left) for (const z of this.zones.values()) z.lastTaintAt = undefined;
    return { zones: changed, enteredMasterDisruption: entered, leftMasterDisruption: left };
  }
}

/** ComputeZoneState: no Ready node → Full; more than 2 and at least 55 % NotReady → Partial. */
export function computeZoneState(ready: number, notReady: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
  return 'Normal';
}

export function zoneLabel(zone: string): string {
  return zone ? `zone ${zone}` : 'the cluster (no zone labels)';
}

function noChange(): ZoneChange {
  return { zones: [], enteredMasterDisruption: false, leftMasterDisruption: false };
}
