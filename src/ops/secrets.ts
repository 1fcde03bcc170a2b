// Decoding a Secret's values: the dashboard masks them everywhere except where the user asks for
// them with `x`, as k9s does.
import { ApiError } from '../api/errors.js';
import type { Secret } from '../api/types.js';
import type { Store } from '../store/store.js';

/** The Secret's `data` decoded from base64 (UTF-8), key by key, in key order. */
export function decodeSecret(store: Store, namespace: string, name: string): Record<string, string> {
  const secret = store.get<Secret>('Secret', namespace, name);
  if (!secret) throw new ApiError('NotFound', `secrets "${name}" not found`, [], { kind: 'secrets', name });
  return decodeSecretData(secret);
}

export function decodeSecretData(secret: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(secret.data ?? {}).sort()) out[key] = Buffer.from(secret.data![key] ?? '', 'base64').toString('utf8');
  return out;
}
