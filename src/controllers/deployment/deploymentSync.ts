// One Deployment sync's working state and the writes every strategy shares: finding (or creating) the
// new ReplicaSet, scaling a ReplicaSet with its annotations, pruning history and writing status. Reads
// always come fresh from the store, so a write earlier in the sync is seen by the steps after it.
import { isApiError } from '../../api/errors.js';
import { clone, controllerOf, type KObject } from '../../api/object.js';
import type { Deployment, ReplicaSet } from '../../api/types.js';
import type { EventType } from '../../events/eventRecorder.js';
import type { VirtualClock } from '../../sim/clock.js';
import type { Store } from '../../store/store.js';
import { controllerRefTo } from '../replicaset/controllerRef.js';
import { FAILED_RS_CREATE_REASON, FOUND_NEW_RS_REASON, getCondition, NEW_RS_REASON, newCondition, PROGRESSING, setCondition, type DeploymentStatus } from './conditions.js';
import { maxSurge, maxUnavailable, type DeploymentSettings } from './fenceposts.js';
import { computeHash, POD_TEMPLATE_HASH_LABEL } from './podTemplateHash.js';
import { sameStatus } from './progress.js';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, specReplicas, statusReplicas, sum } from './replicaSets.js';
import { maxRevision, REVISION_ANNOTATION, revisionOf, setNewReplicaSetAnnotations, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './revisions.js';
import { newReplicaSetTarget } from './rollingUpdateStep.js';

/** What a sync needs from its controller: the store, the clock and the two ways to explain itself. */
export interface DeploymentHost {
  store: Store;
  clock: VirtualClock;
  event(obj: KObject, type: EventType, reason: string, message: string): void;
  decide(obj: KObject, action: string, reason: string, details?: unknown): void;
}

export class DeploymentSync {
  /** Scaled, created or deleted a ReplicaSet during this sync. */
  acted = false;
  /** Why this sync could not move the rollout on, when it could not. */
  waitReason: string | undefined;
  readonly surge: number;
  readonly unavailable: number;
  private rsNames: string[];

  constructor(
    readonly host: DeploymentHost,
    public d: Deployment,
    readonly s: DeploymentSettings,
    rsList: ReplicaSet[],
  ) {
    this.surge = maxSurge(s);
    this.unavailable = maxUnavailable(s);
    this.rsNames = rsList.map((rs) => rs.metadata.name!);
  }

  get namespace(): string | undefined {
    return this.d.metadata.namespace;
  }

  /** The Deployment's ReplicaSets as stored now. */
  replicaSets(): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const name of this.rsNames) {
      const rs = this.host.store.get<ReplicaSet>('ReplicaSet', this.namespace, name);
      if (rs && controllerOf(rs)?.uid === this.d.metadata.uid) out.push(rs);
    }
    return out;
  }

  fresh(rs: ReplicaSet | undefined): ReplicaSet | undefined {
    return rs && this.host.store.get<ReplicaSet>('ReplicaSet', this.namespace, rs.metadata.name!);
  }

  refreshDeployment(): void {
    this.d = this.host.store.get<Deployment>('Deployment', this.namespace, this.d.metadata.name!) ?? this.d;
  }

  /**
   * getAllReplicaSetsAndSyncRevision: the new RS (created when asked and missing) and the old ones,
   * with the new RS's revision raised above every old one and copied onto the Deployment.
   */
  newAndOld(createIfMissing: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[]; created: boolean } {
    const rsList = this.replicaSets();
    const existing = findNewReplicaSet(this.d, rsList);
    const oldRSs = findOldReplicaSets(this.d, rsList, existing);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) return { newRS: this.syncExistingNew(existing, newRevision), oldRSs, created: false };
    if (!createIfMissing) return { newRS: undefined, oldRSs, created: false };
    return { newRS: this.createNew(oldRSs, newRevision), oldRSs, created: true };
  }

  private syncExistingNew(existing: ReplicaSet, newRevision: number): ReplicaSet {
    const { store } = this.host;
    // Only the annotations can change here (exists = true): copy those, not the whole template.
    const draft: ReplicaSet = { ...existing, metadata: { ...existing.metadata, annotations: { ...existing.metadata.annotations } } };
    const changed = setNewReplicaSetAnnotations(this.d, draft, newRevision, true, this.s.replicas, this.s.replicas + this.surge);
    const minReadyChanged = (existing.spec?.minReadySeconds ?? 0) !== this.s.minReadySeconds;
    if (changed || minReadyChanged) {
      const before = revisionOf(existing);
      const updated = store.modify<ReplicaSet>('ReplicaSet', this.namespace, existing.metadata.name!, (rs) => {
        rs.metadata.annotations = draft.metadata.annotations;
        rs.spec = { ...rs.spec!, minReadySeconds: this.s.minReadySeconds };
      }, { trusted: true });
      const after = revisionOf(updated);
      if (before !== undefined && after !== before) {
        this.host.decide(this.d, `reuse replica set ${existing.metadata.name} as revision ${after}`,
          `the pod template matches revision ${before} again (a rollback); its old number goes to revision-history`);
      }
      return updated;
    }
    let status: DeploymentStatus | undefined;
    if (this.s.progressDeadlineSeconds !== undefined && !getCondition(this.d.status, PROGRESSING)) {
      status = clone(this.d.status ?? {});
      setCondition(status, newCondition(PROGRESSING, 'True', FOUND_NEW_RS_REASON, `Found new replica set "${existing.metadata.name}"`, this.host.clock.iso()));
    }
    this.setDeploymentRevision(existing.metadata.annotations?.[REVISION_ANNOTATION]);
    if (status) this.writeStatus(status);
    return existing;
  }

  private createNew(oldRSs: ReplicaSet[], newRevision: number): ReplicaSet {
    const { store, clock } = this.host;
    const d = this.d;
    const hash = computeHash(d.spec?.template, d.status?.collisionCount);
    const template = clone(d.spec?.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = clone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${d.metadata.name}-${hash}`;
    const current = sum(oldRSs, specReplicas);
    let replicas: number;
    let why: string;
    if (this.s.strategy === 'Recreate') {
      replicas = this.s.replicas;
      why = `recreate: no old pods left → start all ${replicas}`;
    } else {
      const plan = newReplicaSetTarget({ replicas: this.s.replicas, surge: this.surge, unavailable: this.unavailable }, current, 0);
      replicas = plan.to;
      why = plan.reason;
    }
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: d.metadata.namespace, labels: { ...template.metadata.labels }, ownerReferences: [controllerRefTo(d)] },
      spec: { replicas, minReadySeconds: this.s.minReadySeconds, selector, template },
    };
    setNewReplicaSetAnnotations(d, rs, newRevision, false, this.s.replicas, this.s.replicas + this.surge);

    let created: ReplicaSet;
    let alreadyExisted = false;
    try {
      created = store.create(rs, { trusted: true });
    } catch (e) {
      if (isApiError(e, 'AlreadyExists')) {
        const found = store.get<ReplicaSet>('ReplicaSet', this.namespace, name);
        if (found && controllerOf(found)?.uid === d.metadata.uid && equalIgnoreHash(found.spec?.template, d.spec?.template)) {
          created = found;
          alreadyExisted = true;
        } else {
          const before = d.status?.collisionCount ?? 0;
          const status = clone(d.status ?? {});
          status.collisionCount = before + 1;
          this.writeStatus(status);
          this.host.decide(d, `bump collisionCount ${before} → ${before + 1}`,
            `replica set ${name} already exists with a different pod template (hash collision); the next sync hashes again`);
          throw e;
        }
      } else if (isApiError(e)) {
        const message = `Failed to create new replica set "${name}": ${e.message}`;
        if (this.s.progressDeadlineSeconds !== undefined) {
          const status = clone(d.status ?? {});
          setCondition(status, newCondition(PROGRESSING, 'False', FAILED_RS_CREATE_REASON, message, clock.iso()));
          this.writeStatus(status);
        }
        this.host.event(d, 'Warning', FAILED_RS_CREATE_REASON, message);
        throw e;
      } else throw e;
    }
    this.rsNames.push(name);
    if (!alreadyExisted) {
      this.acted = true;
      const action = replicas > 0 ? `scale up replica set ${name} from 0 to ${replicas}` : `create replica set ${name} with 0 replicas`;
      this.host.decide(d, action, `${why}; new pod template → revision ${newRevision}`, { revision: newRevision, podTemplateHash: hash });
      if (replicas > 0) this.host.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
    }
    let status: DeploymentStatus | undefined;
    if (!alreadyExisted && this.s.progressDeadlineSeconds !== undefined) {
      status = clone(this.d.status ?? {});
      setCondition(status, newCondition(PROGRESSING, 'True', NEW_RS_REASON, `Created new replica set "${name}"`, clock.iso()));
    }
    this.setDeploymentRevision(String(newRevision));
    if (status) this.writeStatus(status);
    return created;
  }

  /** Copies the new RS's revision onto the Deployment (`deployment.kubernetes.io/revision`). */
  private setDeploymentRevision(revision: string | undefined): void {
    if (revision === undefined || this.d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return;
    this.d = this.host.store.modify<Deployment>('Deployment', this.namespace, this.d.metadata.name!, (draft) => {
      draft.metadata.annotations = { ...(draft.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision };
    }, { trusted: true });
  }

  /**
   * scaleReplicaSet: sets spec.replicas and the desired/max annotations; a size change is an event
   * and a decision with `reason`.
   */
  scaleReplicaSet(rs: ReplicaSet, to: number, reason: string, details?: unknown): ReplicaSet {
    const current = this.fresh(rs) ?? rs;
    const from = specReplicas(current);
    const max = this.s.replicas + this.surge;
    const sizeChanges = from !== to;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(current, this.s.replicas, max)) return current;
    const updated = this.host.store.modify<ReplicaSet>('ReplicaSet', this.namespace, current.metadata.name!, (draft) => {
      draft.spec = { ...draft.spec!, replicas: to };
      setReplicasAnnotations(draft, this.s.replicas, max);
    }, { trusted: true });
    if (sizeChanges) {
      this.acted = true;
      const direction = to > from ? 'up' : 'down';
      this.host.event(this.d, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${current.metadata.name} from ${from} to ${to}`);
      this.host.decide(this.d, `scale ${direction} replica set ${current.metadata.name} from ${from} to ${to}`, reason, details);
    }
    return updated;
  }

  /**
   * cleanupDeployment: delete the oldest old RSs (by revision) beyond revisionHistoryLimit, skipping
   * any that still have pods or whose spec the ReplicaSet controller has not seen yet.
   */
  cleanup(oldRSs: ReplicaSet[]): void {
    const alive = oldRSs.map((rs) => this.fresh(rs)).filter((rs): rs is ReplicaSet => !!rs && !rs.metadata.deletionTimestamp);
    const limit = this.s.revisionHistoryLimit;
    const over = alive.length - limit;
    if (over <= 0) return;
    alive.sort((a, b) => (revisionOf(a) ?? 0) - (revisionOf(b) ?? 0) || (a.metadata.name! < b.metadata.name! ? -1 : 1));
    for (const rs of alive.slice(0, over)) {
      if (statusReplicas(rs) !== 0 || specReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        this.host.store.delete('ReplicaSet', this.namespace, rs.metadata.name!);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
        continue;
      }
      this.acted = true;
      this.host.decide(this.d, `delete old replica set ${rs.metadata.name} (revision ${revisionOf(rs) ?? '?'})`,
        `revisionHistoryLimit ${limit}: ${alive.length} old replica sets kept → ${over} over the limit, oldest revisions go first`);
    }
  }

  /** Writes the status when it differs from the stored one. */
  writeStatus(status: DeploymentStatus): void {
    if (sameStatus(this.d.status, status)) return;
    this.d = this.host.store.modify<Deployment>('Deployment', this.namespace, this.d.metadata.name!, (draft) => {
      draft.status = status;
    }, { subresource: 'status' });
  }

  wait(reason: string): void {
    this.waitReason ??= reason;
  }
}
