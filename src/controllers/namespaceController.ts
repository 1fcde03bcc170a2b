// namespace-controller (pkg/controller/namespace/deletion): a namespace being deleted has everything in
// it deleted — pods gracefully, so they stay Terminating until their kubelet stops them — and its
// status conditions say what is left. Once nothing is left the controller removes the `kubernetes`
// spec finalizer and the namespace is gone.
//
// Like upstream it does not watch the content: after a pass that leaves something behind it looks
// again after estimate/2 + 1 seconds, the estimate being the longest pod grace period still running
// (or 15 s for objects held by finalizers).
import { isApiError } from '../api/errors.js';
import { KINDS } from '../api/kinds.js';
import type { KObject } from '../api/object.js';
import type { Namespace } from '../api/types.js';
import { Controller } from './controller.js';

export const NAMESPACE_FINALIZER = 'kubernetes';
/** What upstream assumes objects held by finalizers need to go (finalizerEstimateSeconds). */
const FINALIZER_ESTIMATE_SECONDS = 15;

type ConditionType =
  | 'NamespaceDeletionDiscoveryFailure'
  | 'NamespaceDeletionGroupVersionParsingFailure'
  | 'NamespaceDeletionContentFailure'
  | 'NamespaceContentRemaining'
  | 'NamespaceFinalizersRemaining';

/** The "all is well" form of each condition (namespace_condition_updater.go). */
const OK: Record<ConditionType, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
};

interface Condition {
  type: ConditionType;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

interface Pass {
  deleted: Record<string, number>;
  /** `pods.` / `deployments.apps` → instances left after the pass. */
  remaining: Map<string, number>;
  finalizers: Map<string, number>;
  failures: string[];
  estimateSeconds: number;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class NamespaceController extends Controller {
  readonly name = 'namespace-controller';
  protected override readonly primaryKind = 'Namespace';

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'Namespace' }, (e) => {
      if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.enqueue(e.object.metadata.name!);
    });
    for (const ns of store.list<Namespace>('Namespace')) if (ns.metadata.deletionTimestamp) this.enqueue(ns.metadata.name!);
  }

  /** Key: a namespace name. */
  reconcile(key: string): void {
    const { store } = this.cp;
    const ns = store.get<Namespace>('Namespace', undefined, key);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(NAMESPACE_FINALIZER)) return; // our part is done

    const pass = this.deleteContent(key);
    this.updateConditions(ns, pass);
    const deleted = Object.entries(pass.deleted)
      .map(([r, n]) => `${r} ${n}`)
      .join(', ');
    const deletedText = deleted ? `deleted ${deleted}; ` : '';
    if (pass.remaining.size || pass.failures.length) {
      const waitSeconds = Math.max(1, Math.floor(pass.estimateSeconds / 2) + 1);
      this.decide(
        ns,
        'waiting for namespace content to be removed',
        `${deletedText}${remainingMessage(pass.remaining)}${pass.finalizers.size ? `; ${finalizersMessage(pass.finalizers)}` : ''}${pass.failures.length ? `; failed: ${pass.failures.join(', ')}` : ''} — checking again in ${waitSeconds}s`,
        { deleted: pass.deleted, remaining: Object.fromEntries(pass.remaining), finalizers: Object.fromEntries(pass.finalizers), estimateSeconds: pass.estimateSeconds },
      );
      this.enqueueAfter(key, waitSeconds * 1000);
      return;
    }
    store.modify<Namespace>('Namespace', undefined, key, (draft) => {
      draft.spec = { ...(draft.spec ?? {}), finalizers: (draft.spec?.finalizers ?? []).filter((f) => f !== NAMESPACE_FINALIZER) };
    }, { trusted: true });
    this.decide(ns, `removed finalizer ${NAMESPACE_FINALIZER}`, `${deletedText}namespace ${key} is empty: nothing of ${namespacedKindCount()} namespaced kinds remains, so the namespace can go`);
  }

  /** One deletion pass over every namespaced kind, then what is left. */
  private deleteContent(namespace: string): Pass {
    const { store } = this.cp;
    const pass: Pass = { deleted: {}, remaining: new Map(), finalizers: new Map(), failures: [], estimateSeconds: 0 };
    for (const info of KINDS) {
      if (!info.namespaced) continue;
      if (!store.count(info.kind, namespace)) continue;
      for (const obj of store.list(info.kind, { namespace })) {
        if (obj.metadata.deletionTimestamp) continue;
        try {
          store.delete(info.kind, namespace, obj.metadata.name!);
          pass.deleted[info.plural] = (pass.deleted[info.plural] ?? 0) + 1;
        } catch (error) {
          if (isApiError(error, 'NotFound')) continue;
          pass.failures.push(`${info.plural}/${obj.metadata.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const left = store.list(info.kind, { namespace });
      if (!left.length) continue;
      pass.remaining.set(`${info.plural}.${info.group}`, left.length);
      let withFinalizers = false;
      for (const obj of left) {
        for (const f of obj.metadata.finalizers ?? []) {
          pass.finalizers.set(f, (pass.finalizers.get(f) ?? 0) + 1);
          withFinalizers = true;
        }
      }
      const estimate = info.kind === 'Pod' ? podGraceEstimate(left) : withFinalizers ? FINALIZER_ESTIMATE_SECONDS : 0;
      pass.estimateSeconds = Math.max(pass.estimateSeconds, estimate);
    }
    return pass;
  }

  private updateConditions(ns: Namespace, pass: Pass): void {
    const now = this.cp.clock.iso();
    const wanted: Condition[] = (Object.keys(OK) as ConditionType[]).map((type) => ({ type, status: 'False', ...OK[type] }));
    const set = (type: ConditionType, reason: string, message: string) => {
      const c = wanted.find((w) => w.type === type)!;
      Object.assign(c, { status: 'True', reason, message });
    };
    if (pass.remaining.size) set('NamespaceContentRemaining', 'SomeResourcesRemain', remainingMessage(pass.remaining));
    if (pass.finalizers.size) set('NamespaceFinalizersRemaining', 'SomeFinalizersRemain', finalizersMessage(pass.finalizers));
    if (pass.failures.length) {
      set('NamespaceDeletionContentFailure', 'ContentDeletionFailed', `Failed to delete all resource types, ${pass.failures.length} remaining: ${[...pass.failures].sort().join(', ')}`);
    }
    const current = (ns.status?.conditions ?? []) as Condition[];
    let changed = false;
    const next = wanted.map((w) => {
      const old = current.find((c) => c.type === w.type);
      if (!old) {
        changed = true;
        return { ...w, lastTransitionTime: now };
      }
      if (old.status === w.status && old.reason === w.reason && old.message === w.message) return old;
      changed = true;
      return { ...w, lastTransitionTime: old.status !== w.status ? now : old.lastTransitionTime };
    });
    if (!changed) return;
    this.cp.store.modify<Namespace>('Namespace', undefined, ns.metadata.name!, (draft) => {
      draft.status = { ...(draft.status ?? {}), conditions: next as NonNullable<Namespace['status']>['conditions'] };
    }, { subresource: 'status' });
  }
}

/** `Some resources are remaining: pods. has 2 resource instances` (the core group leaves a bare dot, as upstream). */
function remainingMessage(remaining: Map<string, number>): string {
  const parts = [...remaining].map(([r, n]) => `${r} has ${n} resource instances`).sort(byName);
  return `Some resources are remaining: ${parts.join(', ')}`;
}

function finalizersMessage(finalizers: Map<string, number>): string {
  const parts = [...finalizers].map(([f, n]) => `${f} in ${n} resource instances`).sort(byName);
  return `Some content in the namespace has finalizers remaining: ${parts.join(', ')}`;
}

/** The longest grace period among pods still running down (estimateGracefulTermination). */
function podGraceEstimate(pods: KObject[]): number {
  let max = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    max = Math.max(max, grace);
  }
  return max;
}

function namespacedKindCount(): number {
  return KINDS.filter((k) => k.namespaced).length;
}
