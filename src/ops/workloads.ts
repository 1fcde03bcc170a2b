// The workload commands the dashboard offers, on top of src/sim/rollout.ts (which holds kubectl's
// logic): scale from what the user typed, pause/resume as one toggle, `set image` from
// `container=image`, and the choices for `rollout undo`.
import type { KObject } from '../api/object.js';
import type { Container, Deployment } from '../api/types.js';
import {
  RolloutError,
  rolloutHistory,
  rolloutPause,
  rolloutRestart,
  rolloutResume,
  rolloutUndo,
  scale,
  setImage,
  type RolloutHistoryRow,
} from '../sim/rollout.js';
import type { Store } from '../store/store.js';

export { RolloutError, rolloutHistory, rolloutPause, rolloutRestart, rolloutResume, rolloutUndo, scale, setImage };

export const SCALABLE_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];
export const RESTARTABLE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];
export const IMAGE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'CronJob', 'Pod'];
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** spec.replicas with the API's default of 1. */
export function desiredReplicas(obj: KObject): number {
  return typeof obj.spec?.replicas === 'number' ? obj.spec.replicas : 1;
}

/** kubectl scale with the count as typed; `--replicas=COUNT` rules for what is not a count. */
export function scaleTo(store: Store, kind: string, namespace: string, name: string, typed: string): string {
  const text = typed.trim();
  if (!/^\d+$/.test(text)) throw new RolloutError(`invalid replica count "${text}": the --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0`);
  return scale(store, kind, namespace, name, Number(text));
}

/** rollout pause when running, rollout resume when paused. */
export function toggleRolloutPause(store: Store, namespace: string, name: string): string {
  const d = store.get<Deployment>('Deployment', namespace, name);
  return d?.spec?.paused ? rolloutResume(store, namespace, name) : rolloutPause(store, namespace, name);
}

function podSpecContainers(obj: KObject): Container[] {
  const spec = obj.kind === 'Pod' ? obj.spec : obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template?.spec : obj.spec?.template?.spec;
  return spec?.containers ?? [];
}

/** What the `set image` question starts with: the first container's name and its image. */
export function imagePrompt(obj: KObject): { initial: string; current: string } {
  const first = podSpecContainers(obj)[0];
  return { initial: first ? `${first.name}=` : '', current: podSpecContainers(obj).map((c) => `${c.name}=${c.image ?? ''}`).join(' ') };
}

/**
 * kubectl set image from `container=image` pairs (space separated; `*=image` for every container);
 * a bare `image` means the first container.
 */
export function setImageFromText(store: Store, kind: string, namespace: string, name: string, typed: string): string {
  const obj = store.get(kind, namespace, name);
  const pairs = typed.trim().split(/\s+/).filter(Boolean);
  if (!pairs.length) throw new RolloutError('at least one image update is required (container=image)');
  let message = '';
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const container = eq < 0 ? (obj ? podSpecContainers(obj)[0]?.name : undefined) ?? '' : pair.slice(0, eq);
    const image = eq < 0 ? pair : pair.slice(eq + 1);
    if (!image) throw new RolloutError(`no image given for container "${container}" (write container=image, e.g. web=nginx:1.28)`);
    message = setImage(store, kind, namespace, name, container, image);
  }
  return message;
}

export interface UndoChoices {
  rows: RolloutHistoryRow[];
  /** The Deployment's current revision. */
  current?: number;
  /** The revision `rollout undo` goes back to by default. */
  previous?: number;
}

export function undoChoices(store: Store, namespace: string, name: string): UndoChoices {
  const rows = rolloutHistory(store, namespace, name);
  const d = store.get<Deployment>('Deployment', namespace, name);
  const annotated = Number(d?.metadata.annotations?.[REVISION_ANNOTATION]);
  const current = Number.isFinite(annotated) && annotated > 0 ? annotated : rows[rows.length - 1]?.revision;
  const previous = rows.filter((r) => r.revision !== current).pop()?.revision;
  return { rows, current, previous };
}

/** `1 <none>, 2 image nginx:2, 3 (current)`: the revisions and their change-causes on one line. */
export function formatUndoChoices(choices: UndoChoices): string {
  return choices.rows.map((r) => `${r.revision}${r.revision === choices.current ? ' (current)' : ` ${r.changeCause}`}`).join(', ');
}

/** rollout undo to the revision typed (empty: the previous one). */
export function undoTo(store: Store, namespace: string, name: string, typed: string): string {
  const text = typed.trim();
  if (text && !/^\d+$/.test(text)) throw new RolloutError(`invalid revision "${text}": type a revision number from the history`);
  return rolloutUndo(store, namespace, name, text ? Number(text) : 0);
}
