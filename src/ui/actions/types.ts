// A per-kind action of a resource table: the key that runs it (as the help shows it), what it does,
// an optional short hint for the header, and what it does to the selected object.
import type { KObject } from '../../api/object.js';
import type { Key, KeyContext } from '../input/keyContext.js';

interface ActionBase {
  /** As shown and matched: `ctrl-d`, `e`, `shift-x` (an uppercase letter), `enter`. */
  key: string;
  description: string;
  hint?: string;
  /** Kinds it applies to; `*` for every kind. */
  kinds: readonly string[] | '*';
}

/** An action on the selected object. */
export interface RowAction extends ActionBase {
  table?: false;
  run: (ctx: KeyContext, obj: KObject) => void;
}

/** An action on the table itself, which works with no row selected (apply a file). */
export interface TableAction extends ActionBase {
  table: true;
  run: (ctx: KeyContext) => void;
}

export type ResourceAction = RowAction | TableAction;

/** Does the key pressed match an action's key (`ctrl-d`, `shift-x`, `l`)? */
export function matchesKey(binding: string, input: string, key: Key): boolean {
  if (binding.startsWith('ctrl-')) return key.ctrl && input === binding.slice(5);
  if (key.ctrl || key.meta) return false;
  if (binding.startsWith('shift-')) return input === binding.slice(6).toUpperCase();
  return input === binding;
}

export function appliesTo(action: ResourceAction, kind: string): boolean {
  return action.kinds === '*' || action.kinds.includes(kind);
}

/** namespace and name of an object, for the ops' arguments. */
export function nsOf(obj: KObject): string {
  return obj.metadata.namespace ?? '';
}

export function nameOf(obj: KObject): string {
  return obj.metadata.name ?? '';
}
