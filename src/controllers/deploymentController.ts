// The Deployment controller (component `deployment-controller`): owns ReplicaSets, one per pod
// template, and moves pods from the old ones to the new one as the strategy allows. Each sync is
// level-triggered: it reads the Deployment and its ReplicaSets and takes the next step.
import { selectorToString } from '../api/labels.js';
import { clone, controllerOf, type KObject, type OwnerReference } from '../api/object.js';
import type { Deployment, Pod, ReplicaSet } from '../api/types.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { getCondition, newCondition, NEW_RS_AVAILABLE_REASON, PAUSED_REASON, PROGRESSING, RESUMED_REASON, setCondition, TIMED_OUT_REASON } from './deployment/conditions.js';
import { DeploymentSync, type DeploymentHost } from './deployment/deploymentSync.js';
import { settingsOf } from './deployment/fenceposts.js';
import { calculateStatus } from './deployment/progress.js';
import { rolloutRecreate } from './deployment/recreate.js';
import { rolloutRolling } from './deployment/rolloutRolling.js';
import { isScalingEvent, syncScaling } from './deployment/scaling.js';
import { claimObjects, resolveControllerRef } from './replicaset/controllerRef.js';
import { isStatusOnlyChange } from './replicaset/replicaManager.js';
import { labelSelectorOf, selectsEverything } from './replicaset/selectors.js';

export class DeploymentController extends Controller {
  readonly name = 'deployment-controller';
  protected override readonly primaryKind = 'Deployment';
  /** The last wait explained per Deployment, so a resync that changes nothing stays out of the log. */
  private readonly lastWait = new Map<string, string>();

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'Deployment' }, (ev) => {
      if (ev.type === 'DELETED') this.lastWait.delete(keyFor(ev.object));
      this.enqueue(keyFor(ev.object));
    });
    store.watch({ kind: 'ReplicaSet' }, (ev) => this.onReplicaSet(ev));
    store.watch({ kind: 'Pod' }, (ev) => {
      if (ev.type === 'DELETED') this.onPodDeleted(ev.object as Pod);
    });
    for (const d of store.list('Deployment')) this.enqueue(keyFor(d));
  }

  reconcile(key: string): void {
    const { store, clock } = this.cp;
    const { namespace, name } = splitKey(key);
    const d = store.get<Deployment>('Deployment', namespace, name);
    if (!d) {
      this.lastWait.delete(key);
      return;
    }
    const selector = labelSelectorOf(d);
    if (selectsEverything(selector)) {
      this.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        store.modify<Deployment>('Deployment', namespace, name, (draft) => {
          draft.status = { ...(draft.status ?? {}), observedGeneration: d.metadata.generation };
        }, { subresource: 'status' });
      }
      this.explainWait(key, d, 'an empty selector selects every pod: the deployment does nothing until it has one');
      return;
    }
    const host: DeploymentHost = {
      store,
      clock,
      event: (obj, type, reason, message) => this.event(obj, type, reason, message),
      decide: (obj, action, reason, details) => this.decide(obj, action, reason, details),
    };
    const before = getCondition(d.status, PROGRESSING);
    const sync = new DeploymentSync(host, d, settingsOf(d), this.claimReplicaSets(d));

    let recheckAt: number | undefined;
    if (d.metadata.deletionTimestamp) {
      // Being deleted: report, never scale.
      const { newRS, oldRSs } = sync.newAndOld(false);
      const all = newRS ? [...oldRSs, newRS] : oldRSs;
      sync.writeStatus(calculateStatus(all, newRS, sync.d, sync.s, clock.iso()));
      return;
    }
    this.checkPausedConditions(sync);
    if (sync.s.paused || isScalingEvent(sync)) syncScaling(sync);
    else if (sync.s.strategy === 'Recreate') recheckAt = rolloutRecreate(sync);
    else recheckAt = rolloutRolling(sync);

    if (recheckAt !== undefined) this.enqueueAfter(key, recheckAt - clock.now());
    this.explainProgress(sync, before);
    if (sync.acted) this.lastWait.delete(key);
    else if (sync.waitReason) this.explainWait(key, sync.d, sync.waitReason);
  }

  /** Records a wait only when it differs from the last one explained for this Deployment. */
  private explainWait(key: string, d: KObject, reason: string): void {
    if (this.lastWait.get(key) === reason) return;
    this.lastWait.set(key, reason);
    this.decide(d, 'waiting', reason);
  }

  /** checkPausedConditions: Progressing Unknown while paused, and again when resumed. */
  private checkPausedConditions(sync: DeploymentSync): void {
    if (sync.s.progressDeadlineSeconds === undefined) return;
    const cond = getCondition(sync.d.status, PROGRESSING);
    if (cond?.reason === TIMED_OUT_REASON) return;
    const pausedShown = cond?.reason === PAUSED_REASON;
    const status = clone(sync.d.status ?? {});
    const now = this.cp.clock.iso();
    if (sync.s.paused && !pausedShown) {
      setCondition(status, newCondition(PROGRESSING, 'Unknown', PAUSED_REASON, 'Deployment is paused', now));
      this.decide(sync.d, 'rollout paused', 'spec.paused is true: template changes wait, scaling still applies, the progress deadline is not checked');
    } else if (!sync.s.paused && pausedShown) {
      setCondition(status, newCondition(PROGRESSING, 'Unknown', RESUMED_REASON, 'Deployment is resumed', now));
      this.decide(sync.d, 'rollout resumed', 'spec.paused is false again: the rollout continues from where it stopped');
    } else return;
    sync.writeStatus(status);
  }

  /** A rollout finishing or running out of time is worth a line in the log. */
  private explainProgress(sync: DeploymentSync, before: ReturnType<typeof getCondition>): void {
    const after = getCondition(sync.d.status, PROGRESSING);
    if (!after || after.reason === before?.reason) return;
    const st = sync.d.status ?? {};
    const counts = `${st.updatedReplicas ?? 0} of ${sync.s.replicas} updated, ${st.availableReplicas ?? 0} available`;
    if (after.reason === NEW_RS_AVAILABLE_REASON) this.decide(sync.d, 'rollout complete', `${after.message} (${counts})`);
    else if (after.reason === TIMED_OUT_REASON) {
      this.decide(sync.d, 'rollout stuck', `${after.message} No progress for ${sync.s.progressDeadlineSeconds}s (progressDeadlineSeconds); ${counts}. Nothing is rolled back automatically.`);
    }
  }

  /** getReplicaSetsForDeployment: adopt matching orphan ReplicaSets, release those that stopped matching. */
  private claimReplicaSets(d: Deployment): ReplicaSet[] {
    const { store } = this.cp;
    const namespace = d.metadata.namespace;
    const selector = labelSelectorOf(d);
    const owned = store.list<ReplicaSet>('ReplicaSet', { namespace, ownerUid: d.metadata.uid });
    const matching = selector.matchesNothing || d.metadata.deletionTimestamp ? [] : store.list<ReplicaSet>('ReplicaSet', { namespace, labelSelector: selector });
    const result = claimObjects(store, d, (rs) => selector.matches(rs.metadata.labels), [...owned, ...matching]);
    const shown = selectorToString(selector);
    for (const rs of result.adopted) this.decide(d, `adopt replica set ${rs.metadata.name}`, `orphan replica set matches selector ${shown}`);
    for (const rs of result.released) this.decide(d, `release replica set ${rs.metadata.name}`, `its labels no longer match selector ${shown}`);
    return result.claimed;
  }

  // ---- watches ------------------------------------------------------------------------------

  private onReplicaSet(ev: WatchEvent): void {
    const rs = ev.object as ReplicaSet;
    const ref = controllerOf(rs);
    if (ev.type !== 'MODIFIED') {
      if (ref) this.enqueueOwner(rs, ref);
      else if (ev.type === 'ADDED') this.enqueueMatching(rs);
      return;
    }
    const old = ev.old as ReplicaSet;
    const oldRef = controllerOf(old);
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(old, oldRef);
    if (ref) {
      this.enqueueOwner(rs, ref);
      return;
    }
    if (!isStatusOnlyChange(ev)) this.enqueueMatching(rs);
  }

  /** Recreate waits for old pods to be gone: their deletion is what lets it continue. */
  private onPodDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = resolveControllerRef<ReplicaSet>(this.cp.store, pod.metadata.namespace, ref, 'ReplicaSet');
    const dRef = rs && controllerOf(rs);
    if (!rs || !dRef) return;
    const d = resolveControllerRef<Deployment>(this.cp.store, rs.metadata.namespace, dRef, 'Deployment');
    if (d?.spec?.strategy?.type === 'Recreate') this.enqueue(keyFor(d));
  }

  private enqueueOwner(rs: ReplicaSet, ref: OwnerReference): void {
    const d = resolveControllerRef(this.cp.store, rs.metadata.namespace, ref, 'Deployment');
    if (d) this.enqueue(keyFor(d));
  }

  private enqueueMatching(rs: ReplicaSet): void {
    for (const d of this.cp.store.list<Deployment>('Deployment', { namespace: rs.metadata.namespace })) {
      if (labelSelectorOf(d).matches(rs.metadata.labels)) this.enqueue(keyFor(d));
    }
  }
}
