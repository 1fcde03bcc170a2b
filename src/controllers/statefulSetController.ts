// The StatefulSet controller (pkg/controller/statefulset), component `statefulset-controller`:
// stable pod names and claims, ordered or parallel creation and deletion, rolling updates by
// revision. The per-pass algorithm is in statefulset/updateStatefulSet.ts; this file claims pods,
// keeps the revision history, writes status and explains itself.
import { isApiError } from '../api/errors.js';
import { controllerOf, type KObject, type OwnerReference } from '../api/object.js';
import type { Pod, StatefulSet } from '../api/types.js';
import type { WatchEvent } from '../store/watch.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { claimObjects, resolveControllerRef } from './replicaset/controllerRef.js';
import { isStatusOnlyChange } from './replicaset/replicaManager.js';
import { labelSelectorOf } from './replicaset/selectors.js';
import { DecisionMemory } from './shared/decisionMemory.js';
import { applyRevision, truncateHistory } from './shared/controllerRevisions.js';
import { createMissingClaims, markClaimsForScaleDown, type Recorder } from './statefulset/claims.js';
import { isMemberOf, ordinalOf, POD_INDEX_LABEL, POD_NAME_LABEL, revisionOf } from './statefulset/identity.js';
import { statefulSetRevisions } from './statefulset/revisions.js';
import { completeRollingUpdate, computeStatus, nextAvailableAt, statusUnchanged } from './statefulset/status.js';
import { updateStatefulSet, type PodOps } from './statefulset/updateStatefulSet.js';

export class StatefulSetController extends Controller {
  readonly name = 'statefulset-controller';
  protected override readonly primaryKind = 'StatefulSet';
  private readonly said = new DecisionMemory();

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'StatefulSet' }, (ev) => {
      if (ev.type === 'DELETED') this.said.forget(keyFor(ev.object));
      else if (ev.type === 'MODIFIED' && isStatusOnlyChange(ev)) return;
      this.enqueue(keyFor(ev.object));
    });
    store.watch({ kind: 'Pod' }, (ev) => this.onPod(ev));
    for (const set of store.list('StatefulSet')) this.enqueue(keyFor(set));
  }

  reconcile(key: string): void {
    const { store, clock } = this.cp;
    const { namespace, name } = splitKey(key);
    const set = store.get<StatefulSet>('StatefulSet', namespace, name);
    if (!set) return;
    const pods = this.claimPods(set);
    const revisions = statefulSetRevisions(store, set);
    const currentName = revisions.current.metadata.name!;
    const updateName = revisions.update.metadata.name!;
    const now = clock.now();
    const record: Recorder = (type, reason, message) => this.event(this.latest(set), type, reason, message);

    const pass = updateStatefulSet({
      set,
      currentSet: applyRevision(set, revisions.current),
      updateSet: applyRevision(set, revisions.update),
      currentRevision: currentName,
      updateRevision: updateName,
      pods,
      now,
      ops: this.podOps(set, record),
    });

    // Status counts the pods seen at the start of the pass (the writes above show up on the next
    // sync their watch events trigger), minus those just deleted for the update.
    const status = computeStatus(set, pods, currentName, updateName, revisions.collisionCount, now);
    status.currentReplicas = Math.max(0, status.currentReplicas - pass.deletedForUpdate);
    const completed = completeRollingUpdate(set, status);
    const stored = store.get<StatefulSet>('StatefulSet', namespace, name);
    if (stored && !statusUnchanged(stored.status, status)) {
      store.modify<StatefulSet>('StatefulSet', namespace, name, (draft) => {
        draft.status = { ...(draft.status ?? {}), ...status };
      }, { subresource: 'status' });
    }

    const live = new Set([currentName, updateName, status.currentRevision, ...pods.map(revisionOf)]);
    const pruned = truncateHistory(store, revisions.all, live, set.spec?.revisionHistoryLimit ?? 10);

    const lines: { action: string; reason: string; details?: unknown; wait?: boolean }[] = [];
    if (revisions.change) {
      const why = revisions.initial ? 'the first snapshot of the pod template; pods are labelled with it' : `the pod template changed: pods at revision ${currentName} are replaced by ${updateName}`;
      lines.push({ action: revisions.change, reason: why });
    }
    lines.push(...pass.steps);
    if (completed) lines.push({ action: `rolling update complete: current revision is now ${updateName}`, reason: `every existing pod (${status.replicas}) runs ${updateName} and is Ready` });
    if (pruned.length) lines.push({ action: `delete ${pruned.length} old revision${pruned.length === 1 ? '' : 's'}: ${pruned.join(', ')}`, reason: `revisionHistoryLimit ${set.spec?.revisionHistoryLimit ?? 10}` });
    // A wait reached again (only a pod's phase moved on) is not worth another line.
    for (const l of this.said.select(key, lines)) this.decide(set, l.action, l.reason, l.details);

    const next = nextAvailableAt(pods, set.spec?.minReadySeconds ?? 0, now);
    if (next !== undefined) this.enqueueAfter(key, next - now);
    if (pass.errors.length) throw new Error(pass.errors[0]);
  }

  private latest(set: StatefulSet): StatefulSet {
    return this.cp.store.get<StatefulSet>('StatefulSet', set.metadata.namespace, set.metadata.name!) ?? set;
  }

  private podOps(set: StatefulSet, record: Recorder): PodOps {
    const { store } = this.cp;
    const setName = set.metadata.name;
    return {
      create: (pod) => {
        const podName = pod.metadata.name;
        const claims = createMissingClaims(store, set, pod, record);
        if (claims.error) {
          record('Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${setName} failed error: ${claims.error}`);
          return claims.error;
        }
        try {
          store.create(pod);
        } catch (e) {
          if (!isApiError(e)) throw e;
          if (e.reason !== 'AlreadyExists') record('Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${setName} failed error: ${e.message}`);
          return e.message;
        }
        record('Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${setName} successful`);
        return undefined;
      },
      remove: (pod, forScaleDown) => {
        if (forScaleDown) markClaimsForScaleDown(store, set, pod);
        try {
          store.delete('Pod', pod.metadata.namespace, pod.metadata.name!);
        } catch (e) {
          if (isApiError(e, 'NotFound')) return undefined;
          if (!isApiError(e)) throw e;
          record('Warning', 'FailedDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${setName} failed error: ${e.message}`);
          return e.message;
        }
        record('Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${setName} successful`);
        return undefined;
      },
      relabel: (pod) => {
        try {
          store.modify<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!, (draft) => {
            draft.metadata.labels = { ...(draft.metadata.labels ?? {}), [POD_NAME_LABEL]: pod.metadata.name!, [POD_INDEX_LABEL]: String(ordinalOf(pod)) };
          });
        } catch (e) {
          if (!isApiError(e)) throw e;
          record('Warning', 'FailedUpdate', `update Pod ${pod.metadata.name} in StatefulSet ${setName} failed error: ${e.message}`);
          return e.message;
        }
        record('Normal', 'SuccessfulUpdate', `update Pod ${pod.metadata.name} in StatefulSet ${setName} successful`);
        return undefined;
      },
      createClaims: (pod) => {
        createMissingClaims(store, set, pod, record);
      },
    };
  }

  /** The set's pods: owned ones, plus orphans its selector matches whose names say they are its own. */
  private claimPods(set: StatefulSet): Pod[] {
    const { store } = this.cp;
    const namespace = set.metadata.namespace;
    const selector = labelSelectorOf(set);
    const owned = store.list<Pod>('Pod', { namespace, ownerUid: set.metadata.uid });
    const matching = selector.matchesNothing || set.metadata.deletionTimestamp ? [] : store.list<Pod>('Pod', { namespace, labelSelector: selector });
    const result = claimObjects<Pod>(store, set, (pod) => selector.matches(pod.metadata.labels) && isMemberOf(set, pod), [...owned, ...matching]);
    for (const pod of result.adopted) this.decide(set, `adopt pod ${pod.metadata.name}`, 'an orphan pod whose labels match the selector and whose name carries this set\'s name');
    for (const pod of result.released) this.decide(set, `release pod ${pod.metadata.name}`, 'its labels no longer match the selector');
    return result.claimed;
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    const ref = controllerOf(pod);
    const oldRef = ev.old ? controllerOf(ev.old) : undefined;
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(ev.old!, oldRef);
    if (ref) {
      this.enqueueOwner(pod, ref);
      return;
    }
    if (ev.type === 'DELETED') return;
    // An orphan: any set in its namespace whose selector matches may adopt it.
    for (const set of this.cp.store.list<StatefulSet>('StatefulSet', { namespace: pod.metadata.namespace })) {
      if (isMemberOf(set, pod) && labelSelectorOf(set).matches(pod.metadata.labels)) this.enqueue(keyFor(set));
    }
  }

  private enqueueOwner(pod: KObject, ref: OwnerReference): void {
    const set = resolveControllerRef(this.cp.store, pod.metadata.namespace, ref, 'StatefulSet');
    if (set) this.enqueue(keyFor(set));
  }
}
