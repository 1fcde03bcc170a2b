// The tie-break orders Kubernetes sorts objects by: oldest first then by name (the controllers'
// ByCreationTimestamp sorts), and namespace then name (the apiserver's list order). Timestamps are
// RFC 3339 strings with second precision, so comparing the text compares the times.
import type { KObject } from './object.js';

/** Code-unit order, as Go compares strings. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first; objects created in the same second by name. */
export function byCreationThenName(a: KObject, b: KObject): number {
  return compareText(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') || compareText(a.metadata.name ?? '', b.metadata.name ?? '');
}

/** By namespace (cluster-scoped objects first), then by name. */
export function byNamespaceThenName(a: KObject, b: KObject): number {
  return compareText(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareText(a.metadata.name ?? '', b.metadata.name ?? '');
}
