// How a list finds its objects: the filters every candidate must pass, and the `key=value` pairs of a
// selector that let it start from the label index instead of every object of the kind.
import type { Selector } from '../api/labels.js';
import type { KObject } from '../api/object.js';
import type { ListOptions } from './storeOptions.js';

/** Whether a candidate passes a list's filters. */
export function listed(obj: KObject, kind: string, ns: string | undefined, options: ListOptions, checkOwner: boolean): boolean {
  if (obj.kind !== kind) return false;
  if (ns !== undefined && (obj.metadata.namespace ?? '') !== ns) return false;
  if (checkOwner && options.ownerUid && !ownedBy(obj, options.ownerUid)) return false;
  if (options.nodeName !== undefined && obj.spec?.nodeName !== options.nodeName) return false;
  if (options.labelSelector && !options.labelSelector.matches(obj.metadata.labels)) return false;
  if (options.fieldSelector && !options.fieldSelector.matches(obj)) return false;
  return true;
}

function ownedBy(obj: KObject, uid: string): boolean {
  const refs = obj.metadata.ownerReferences;
  if (!refs) return false;
  for (let i = 0; i < refs.length; i++) if (refs[i].uid === uid) return true;
  return false;
}

/** `key=value` pairs every match must have: they let a list use the label index. */
export function exactPairs(selector: Selector | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const r of selector?.requirements ?? []) {
    if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) out.push([r.key, r.values[0]]);
  }
  return out;
}
