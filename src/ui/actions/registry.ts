// Every per-kind action of the resource tables, in the order the help lists them. The keymap (help
// and header hints) and the key handler both read this list, so they cannot drift apart.
import type { KeyBinding } from '../keymap.js';
import { BATCH_ACTIONS } from './batchActions.js';
import { COMMON_ACTIONS } from './commonActions.js';
import { NODE_ACTIONS } from './nodeActions.js';
import { POD_ACTIONS } from './podActions.js';
import { SECRET_ACTIONS } from './secretActions.js';
import { appliesTo, type ResourceAction } from './types.js';
import { WORKLOAD_ACTIONS } from './workloadActions.js';

/** Kind-specific first, then those of every kind. */
export const RESOURCE_ACTIONS: readonly ResourceAction[] = [...WORKLOAD_ACTIONS, ...POD_ACTIONS, ...NODE_ACTIONS, ...BATCH_ACTIONS, ...SECRET_ACTIONS, ...COMMON_ACTIONS];

export function actionsFor(kind: string): ResourceAction[] {
  return RESOURCE_ACTIONS.filter((a) => appliesTo(a, kind));
}

export function bindingsFor(kind: string): KeyBinding[] {
  return actionsFor(kind).map((a) => ({ key: a.key, description: a.description, ...(a.hint ? { hint: a.hint } : {}) }));
}
