// Workload actions: scale, rollout restart, set image, rollout undo to a chosen revision, pause /
// resume, and the CPU-load fault that wakes an HPA.
import { addLoad, injectedCpuMilli, LOADABLE_KINDS } from '../../ops/load.js';
import { kubectlRef } from '../../ops/names.js';
import {
  desiredReplicas,
  formatUndoChoices,
  IMAGE_KINDS,
  imagePrompt,
  RESTARTABLE_KINDS,
  rolloutRestart,
  SCALABLE_KINDS,
  scaleTo,
  setImageFromText,
  toggleRolloutPause,
  undoChoices,
  undoTo,
  type UndoChoices,
} from '../../ops/workloads.js';
import { ask } from '../input/pending.js';
import { flashOutcome, subresourceStore, writeStore } from './outcome.js';
import { nameOf, nsOf, type ResourceAction } from './types.js';

export const scaleAction: ResourceAction = {
  key: 's',
  description: 'scale: asks the number of replicas (the current count is the default)',
  hint: 'scale',
  kinds: SCALABLE_KINDS,
  // kubectl scale: get the object, then patch its scale subresource (RBAC grants `deployments/scale`).
  run: (ctx, obj) =>
    flashOutcome(ctx, () => {
      const fresh = ctx.cluster.store.get(obj.kind, obj.metadata.namespace, nameOf(obj)) ?? obj;
      ask(ctx, `scale ${kubectlRef(obj.kind, nameOf(obj))} to replicas:`, String(desiredReplicas(fresh)), (answer) =>
        flashOutcome(ctx, () => scaleTo(subresourceStore(ctx, 'scale'), obj.kind, nsOf(obj), nameOf(obj), answer)),
      );
    }),
};

export const restartAction: ResourceAction = {
  key: 'r',
  description: 'rollout restart: every pod is replaced, following the rollout strategy',
  hint: 'restart',
  kinds: RESTARTABLE_KINDS,
  run: (ctx, obj) => flashOutcome(ctx, () => rolloutRestart(writeStore(ctx), obj.kind, nsOf(obj), nameOf(obj))),
};

export const setImageAction: ResourceAction = {
  key: 'i',
  description: 'set image: asks container=image (a bare image means the first container)',
  hint: 'image',
  kinds: IMAGE_KINDS,
  run: (ctx, obj) =>
    flashOutcome(ctx, () => {
      const fresh = ctx.cluster.store.get(obj.kind, obj.metadata.namespace, nameOf(obj)) ?? obj;
      const { initial, current } = imagePrompt(fresh);
      ask(ctx, `set image (now ${current}) container=image:`, initial, (answer) =>
        flashOutcome(ctx, () => setImageFromText(writeStore(ctx), obj.kind, nsOf(obj), nameOf(obj), answer)),
      );
    }),
};

export const undoAction: ResourceAction = {
  key: 'u',
  description: 'rollout undo: asks the revision to go back to (lists them with their change-cause)',
  kinds: ['Deployment'],
  run: (ctx, obj) => {
    flashOutcome(ctx, () => {
      const choices = undoChoices(ctx.cluster.store, nsOf(obj), nameOf(obj));
      if (choices.rows.length < 2) throw new Error(`no earlier revision of deployment "${nameOf(obj)}" to go back to (history: ${formatUndoChoices(choices) || 'none'})`);
      ask(ctx, `undo to revision [${fitUndoChoices(choices)}]:`, String(choices.previous ?? ''), (answer) =>
        flashOutcome(ctx, () => undoTo(writeStore(ctx), nsOf(obj), nameOf(obj), answer)),
      );
    });
  },
};

/** The prompt must fit 80 columns with room to type: long change-causes are shortened, then dropped. */
const UNDO_LIST_MAX = 52;
export function fitUndoChoices(choices: UndoChoices): string {
  const full = formatUndoChoices(choices);
  if (full.length <= UNDO_LIST_MAX) return full;
  const short = (cause: string) => (cause.length > 12 ? `${cause.slice(0, 11)}…` : cause);
  const shortened = formatUndoChoices({ ...choices, rows: choices.rows.map((r) => ({ ...r, changeCause: short(r.changeCause) })) });
  if (shortened.length <= UNDO_LIST_MAX) return shortened;
  return choices.rows.map((r) => `${r.revision}${r.revision === choices.current ? '*' : ''}`).join(' ');
}

export const pauseAction: ResourceAction = {
  key: 'p',
  description: 'rollout pause / resume: while paused, template changes wait',
  kinds: ['Deployment'],
  run: (ctx, obj) => flashOutcome(ctx, () => toggleRolloutPause(writeStore(ctx), nsOf(obj), nameOf(obj))),
};

export const loadAction: ResourceAction = {
  key: 'shift-l',
  description: 'fault: put CPU load on the pods (asks millicores, e.g. 900m; 0 removes) — wakes an HPA',
  kinds: LOADABLE_KINDS,
  run: (ctx, obj) => {
    const current = injectedCpuMilli(ctx.cluster, obj.kind, nsOf(obj), nameOf(obj));
    ask(ctx, `cpu load on ${kubectlRef(obj.kind, nameOf(obj))} (e.g. 900m, 0 removes):`, current ? `${current}m` : '', (answer) =>
      flashOutcome(ctx, () => addLoad(ctx.cluster, obj.kind, nsOf(obj), nameOf(obj), answer || '0')),
    );
  },
};

export const WORKLOAD_ACTIONS = [scaleAction, restartAction, setImageAction, undoAction, pauseAction, loadAction];
