// The pod-template-hash that names a Deployment's ReplicaSets (`web-7c5ddbdf54`): FNV-32a over the
// pod template (plus the collision count, when set), printed as a decimal number and re-spelled with
// the 27-character name alphabet (SafeEncodeString).
//
// Upstream hashes Go's DeepHashObject dump of the template; we hash a canonical JSON serialization
// (keys sorted, undefined dropped), so our hashes differ from a real cluster's for the same template
// but have the same shape (6–10 characters of `bcdfghjklmnpqrstvwxz2456789`) and are stable: the same
// template always yields the same hash, on every run and machine.
import type { PodTemplateSpec } from '../../api/types.js';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** JSON with object keys sorted at every level, so equal values serialize identically. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** FNV-1a, 32 bits, continuing from `hash`. */
export function fnv32a(bytes: Uint8Array, hash = FNV_OFFSET): number {
  let h = hash >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}

/** rand.SafeEncodeString: each character c becomes ALPHANUMS[c mod 27] (no vowels, no 0/1/3). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** controller.ComputeHash: the collision count is fed in as 8 little-endian bytes. */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}
