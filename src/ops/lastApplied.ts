// The kubectl.kubernetes.io/last-applied-configuration annotation, as kubectl writes it: the applied
// manifest itself (namespace filled in, this annotation left out, `annotations: {}` kept when there
// were no others), encoded like Go's encoding/json — keys sorted, `<`, `>` and `&` escaped, a
// trailing newline. The next apply reads it back to know which fields the manifest used to set.
import { isNamespaced } from '../api/kinds.js';
import { clone, type KObject } from '../api/object.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manifest as `kubectl apply` sends it: namespace filled in and the annotation recording it. */
export function withLastApplied(manifest: KObject): KObject {
  const obj = clone(manifest);
  obj.metadata ??= {};
  if (isNamespaced(obj.kind) && !obj.metadata.namespace) obj.metadata.namespace = 'default';
  const others = { ...(obj.metadata.annotations ?? {}) };
  delete others[LAST_APPLIED];
  obj.metadata.annotations = others;
  const recorded = goJson(obj);
  obj.metadata.annotations = { ...others, [LAST_APPLIED]: recorded };
  return obj;
}

/** The configuration the object was last applied with, or undefined (never applied, or unreadable). */
export function lastAppliedOf(obj: KObject): Record<string, unknown> | undefined {
  const text = obj.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `json.NewEncoder(w).Encode(v)` of a decoded document: sorted keys, HTML-safe, newline-terminated. */
export function goJson(value: unknown): string {
  const text = JSON.stringify(sortKeys(value)) ?? 'null';
  return `${text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}
