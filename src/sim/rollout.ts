// The user's rollout commands, as kubectl runs them against the API: `rollout restart|undo|pause|
// resume|history`, `set image` and `scale`. Each returns the line kubectl prints on success
// (`deployment.apps/web rolled back`) and throws RolloutError with kubectl's message (without the
// `error: ` prefix) when kubectl would fail; API errors (not found, invalid) propagate as ApiError.
import { ApiError } from '../api/errors.js';
import { mustKind } from '../api/kinds.js';
import { clone, controllerOf, type KObject } from '../api/object.js';
import type { Container, Deployment, PodSpec, PodTemplateSpec, ReplicaSet } from '../api/types.js';
import type { Store } from '../store/store.js';
import { equalIgnoreHash } from '../controllers/deployment/replicaSets.js';
import { ANNOTATIONS_TO_SKIP, CHANGE_CAUSE_ANNOTATION, revisionOf } from '../controllers/deployment/revisions.js';
import { POD_TEMPLATE_HASH_LABEL } from '../controllers/deployment/podTemplateHash.js';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

export class RolloutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RolloutError';
  }
}

/** `deployment.apps/web`: how kubectl names an object in its output. */
export function resourceRef(kind: string, name: string): string {
  const info = mustKind(kind);
  return `${info.singular}${info.group ? `.${info.group}` : ''}/${name}`;
}

/** `deployments.apps "web"`: how kubectl names an object in its errors. */
function resourceQuoted(kind: string, name: string): string {
  const info = mustKind(kind);
  return `${info.plural}${info.group ? `.${info.group}` : ''} "${name}"`;
}

function mustGet<T extends KObject>(store: Store, kind: string, namespace: string, name: string): T {
  const obj = store.get<T>(kind, namespace, name);
  if (!obj) throw new ApiError('NotFound', `${resourceQuoted(kind, name)} not found`, [], { kind: mustKind(kind).plural, name });
  return obj;
}

const RESTARTABLE = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

/** kubectl rollout restart: a new restartedAt annotation on the pod template rolls every pod. */
export function rolloutRestart(store: Store, kind: string, namespace: string, name: string): string {
  const obj = mustGet(store, kind, namespace, name);
  if (!RESTARTABLE.has(kind)) throw new RolloutError(`${resourceQuoted(kind, name)} restarting is not supported`);
  if (kind === 'Deployment' && obj.spec?.paused) {
    throw new RolloutError(`${resourceQuoted(kind, name)} can't restart paused deployment (run rollout resume first)`);
  }
  const stamp = store.clock.iso();
  if (obj.spec?.template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] === stamp) {
    throw new RolloutError(`failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
  }
  store.modify(kind, namespace, name, (draft) => {
    const template = (draft.spec.template ??= {});
    template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), [RESTARTED_AT_ANNOTATION]: stamp } };
  });
  return `${resourceRef(kind, name)} restarted`;
}

/** The Deployment's ReplicaSets (those it controls). */
function replicaSetsOf(store: Store, d: Deployment): ReplicaSet[] {
  return store
    .list<ReplicaSet>('ReplicaSet', { namespace: d.metadata.namespace, ownerUid: d.metadata.uid })
    .filter((rs) => controllerOf(rs)?.uid === d.metadata.uid);
}

/**
 * kubectl rollout undo: copy the pod template of revision `toRevision` (default: the one before the
 * current) back into the Deployment; the controller then rolls forward to it as a new revision.
 */
export function rolloutUndo(store: Store, namespace: string, name: string, toRevision = 0): string {
  const d = mustGet<Deployment>(store, 'Deployment', namespace, name);
  if (toRevision < 0) throw new RolloutError(`unable to find specified revision ${toRevision} in history`);
  let target: ReplicaSet | undefined;
  let latest = -1;
  let latestRs: ReplicaSet | undefined;
  let previous = -1;
  for (const rs of replicaSetsOf(store, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision > 0) {
      if (v === toRevision) target = rs;
      continue;
    }
    if (v > latest) {
      previous = latest;
      target = latestRs;
      latest = v;
      latestRs = rs;
    } else if (v > previous) {
      previous = v;
      target = rs;
    }
  }
  if (!target) {
    if (toRevision > 0) throw new RolloutError(`unable to find specified revision ${toRevision} in history`);
    throw new RolloutError(`no rollout history found for deployment "${name}"`);
  }
  const revision = toRevision || previous;
  if (d.spec?.paused) {
    throw new RolloutError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
  }
  if (equalIgnoreHash(target.spec?.template, d.spec?.template)) {
    return `${resourceRef('Deployment', name)} skipped rollback (current template already matches revision ${revision})`;
  }
  const template: PodTemplateSpec = clone(target.spec?.template ?? {});
  if (template.metadata?.labels) {
    delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  }
  // Keep the Deployment's own bookkeeping annotations, take everything else from the old revision.
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  store.modify<Deployment>('Deployment', namespace, name, (draft) => {
    draft.spec = { ...draft.spec!, template };
    if (Object.keys(annotations).length) draft.metadata.annotations = annotations;
    else delete draft.metadata.annotations;
  });
  return `${resourceRef('Deployment', name)} rolled back`;
}

function setPaused(store: Store, namespace: string, name: string, paused: boolean): string {
  const d = mustGet<Deployment>(store, 'Deployment', namespace, name);
  if ((d.spec?.paused ?? false) === paused) {
    throw new RolloutError(`${resourceQuoted('Deployment', name)} ${paused ? 'is already paused' : 'is not paused'}`);
  }
  store.modify<Deployment>('Deployment', namespace, name, (draft) => {
    draft.spec = { ...draft.spec!, paused };
    if (!paused) delete draft.spec.paused;
  });
  return `${resourceRef('Deployment', name)} ${paused ? 'paused' : 'resumed'}`;
}

/** kubectl rollout pause: template changes stop rolling out until resumed. */
export function rolloutPause(store: Store, namespace: string, name: string): string {
  return setPaused(store, namespace, name, true);
}

/** kubectl rollout resume. */
export function rolloutResume(store: Store, namespace: string, name: string): string {
  return setPaused(store, namespace, name, false);
}

/** Where a kind keeps its pod spec. */
function podSpecOf(obj: KObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

/** kubectl set image KIND/NAME CONTAINER=IMAGE (`*` for every container). */
export function setImage(store: Store, kind: string, namespace: string, name: string, container: string, image: string): string {
  const obj = mustGet(store, kind, namespace, name);
  const spec = podSpecOf(obj);
  if (!spec) throw new RolloutError(`${resourceQuoted(kind, name)} has no pod template`);
  const all: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  if (!all.some((c) => container === '*' || c.name === container)) {
    throw new RolloutError(`unable to find container named "${container}"`);
  }
  store.modify(kind, namespace, name, (draft) => {
    const target = podSpecOf(draft)!;
    for (const c of [...(target.initContainers ?? []), ...(target.containers ?? [])]) {
      if (container === '*' || c.name === container) c.image = image;
    }
  });
  return `${resourceRef(kind, name)} image updated`;
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** kubectl scale KIND/NAME --replicas=N */
export function scale(store: Store, kind: string, namespace: string, name: string, replicas: number): string {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new RolloutError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  mustGet(store, kind, namespace, name);
  if (!SCALABLE.has(kind)) throw new ApiError('NotFound', 'the server could not find the requested resource');
  store.modify(kind, namespace, name, (draft) => {
    draft.spec = { ...(draft.spec ?? {}), replicas };
  });
  return `${resourceRef(kind, name)} scaled`;
}

export interface RolloutHistoryRow {
  revision: number;
  /** The `kubernetes.io/change-cause` annotation of that revision, `<none>` when unset. */
  changeCause: string;
}

/** kubectl rollout history deployment/NAME: one row per revision still kept, oldest first. */
export function rolloutHistory(store: Store, namespace: string, name: string): RolloutHistoryRow[] {
  const d = mustGet<Deployment>(store, 'Deployment', namespace, name);
  const rows: RolloutHistoryRow[] = [];
  for (const rs of replicaSetsOf(store, d)) {
    const revision = revisionOf(rs);
    if (revision === undefined) continue;
    rows.push({ revision, changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>' });
  }
  return rows.sort((a, b) => a.revision - b.revision);
}

/** The history as kubectl prints it. */
export function formatRolloutHistory(name: string, rows: RolloutHistoryRow[]): string {
  if (!rows.length) return 'No rollout history found.';
  const width = Math.max('REVISION'.length, ...rows.map((r) => String(r.revision).length)) + 2;
  const lines = [`${resourceRef('Deployment', name)} `, `${'REVISION'.padEnd(width)}CHANGE-CAUSE`];
  for (const r of rows) lines.push(`${String(r.revision).padEnd(width)}${r.changeCause}`);
  return lines.join('\n');
}
