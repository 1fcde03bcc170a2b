// Pod actions: logs (following) and previous logs, crash a container (fault), and kill: k9s's
// ctrl-k, a force delete with grace period 0 and no confirmation.
import { refOf } from '../../events/decisionLog.js';
import { deleteObject } from '../../ops/deleteObject.js';
import { crashPod } from '../../ops/faults.js';
import { flashOutcome, writeStore } from './outcome.js';
import { nameOf, nsOf, type ResourceAction } from './types.js';

export const logsAction: ResourceAction = {
  key: 'l',
  description: 'logs of the pod (following; scroll up to stop following)',
  hint: 'logs',
  kinds: ['Pod'],
  run: (ctx, obj) => ctx.dispatch({ type: 'push', page: { type: 'logs', ref: refOf(obj), previous: false, follow: true, scroll: 0 } }),
};

export const previousLogsAction: ResourceAction = {
  key: 'p',
  description: 'logs of the previous (crashed) container',
  kinds: ['Pod'],
  run: (ctx, obj) => ctx.dispatch({ type: 'push', page: { type: 'logs', ref: refOf(obj), previous: true, follow: false, scroll: 0 } }),
};

export const crashAction: ResourceAction = {
  key: 'shift-x',
  description: 'fault: crash the pod (its first container exits with code 1 now)',
  kinds: ['Pod'],
  run: (ctx, obj) => flashOutcome(ctx, () => crashPod(ctx.cluster, nsOf(obj), nameOf(obj))),
};

export const killAction: ResourceAction = {
  key: 'ctrl-k',
  description: 'kill: force delete now (grace period 0, no confirmation, as in k9s)',
  kinds: ['Pod'],
  run: (ctx, obj) => flashOutcome(ctx, () => deleteObject(writeStore(ctx), 'Pod', nsOf(obj), nameOf(obj), { force: true })),
};

export const POD_ACTIONS = [logsAction, previousLogsAction, crashAction, killAction];
