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
} from '../../ops/workloads.js';
import { ask } from '../input/pending.js';
import { flashOutcome } from './outcome.js';
import { nameOf, nsOf, type ResourceAction } from './types.js';

export const scaleAction: ResourceAction = {
  key: 's',
  description: 'scale: asks the number of replicas (the current count is the default)',
  hint: 'scale',
  kinds: SCALABLE_KINDS,
  run: (ctx, obj) => {
    const fresh = ctx.cluster.store.get(obj.kind, obj.metadata.namespace, nameOf(obj)) ?? obj;
    ask(ctx, `scale ${kubectlRef(obj.kind, nameOf(obj))} to replicas:`, String(desiredReplicas(fresh)), (answer) =>
      flashOutcome(ctx, () => scaleTo(ctx.cluster.store, obj.kind, nsOf(obj), nameOf(obj), answer)),
    );
  },
};

export const restartAction: ResourceAction = {
  key: 'r',
  description: 'rollout restart: every pod is replaced, following the rollout strategy',
  hint: 'restart',
  kinds: RESTARTABLE_KINDS,
  run: (ctx, obj) => flashOutcome(ctx, () => rolloutRestart(ctx.cluster.store, obj.kind, nsOf(obj), nameOf(obj))),
};

export const setImageAction: ResourceAction = {
  key: 'i',
  description: 'set image: asks container=image (a bare image means the first container)',
  hint: 'image',
  kinds: IMAGE_KINDS,
  run: (ctx, obj) => {
    const fresh = ctx.cluster.store.get(obj.kind, obj.metadata.namespace, nameOf(obj)) ?? obj;
    const { initial, current } = imagePrompt(fresh);
    ask(ctx, `set image (now ${current}) container=image:`, initial, (answer) =>
      flashOutcome(ctx, () => setImageFromText(ctx.cluster.store, obj.kind, nsOf(obj), nameOf(obj), answer)),
    );
  },
};

export const undoAction: ResourceAction = {
  key: 'u',
  description: 'rollout undo: asks the revision to go back to (lists them with their change-cause)',
  kinds: ['Deployment'],
  run: (ctx, obj) => {
    flashOutcome(ctx, () => {
      const choices = undoChoices(ctx.cluster.store, nsOf(obj), nameOf(obj));
      if (choices.rows.length < 2) throw new Error(`no earlier revision of deployment "${nameOf(obj)}" to go back to (history: ${formatUndoChoices(choices) || 'none'})`);
      ask(ctx, `undo to revision [${formatUndoChoices(choices)}]:`, String(choices.previous ?? ''), (answer) =>
        flashOutcome(ctx, () => undoTo(ctx.cluster.store, nsOf(obj), nameOf(obj), answer)),
      );
    });
  },
};

export const pauseAction: ResourceAction = {
  key: 'p',
  description: 'rollout pause / resume: while paused, template changes wait',
  kinds: ['Deployment'],
  run: (ctx, obj) => flashOutcome(ctx, () => toggleRolloutPause(ctx.cluster.store, nsOf(obj), nameOf(obj))),
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
