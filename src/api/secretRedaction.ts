// Secret values stay out of everything kubesim prints unless someone asks for them on purpose
// (`x` in the dashboard, `--show-secrets` on `kubesim run`). One place decides what a masked Secret
// looks like, so the JSON, the YAML and the error messages agree.
import type { KObject } from './object.js';

/** What the apiserver prints instead of a Secret's content in its error messages. */
export const SECRET_CONTENTS_REDACTED = '<secret contents redacted>';

/** The annotation `kubectl apply` leaves: for a Secret it holds the values in clear. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * A masked value: `<redacted: 12 bytes>`. It is deliberately not base64, so a masked object that is
 * applied back is refused by validation instead of silently replacing the real values.
 */
export function maskedSecretValue(value: unknown, encoding: 'base64' | 'text' = 'base64'): string {
  const text = typeof value === 'string' ? value : '';
  const bytes = encoding === 'base64' ? Buffer.from(text, 'base64').length : Buffer.byteLength(text);
  return `<redacted: ${bytes} byte${bytes === 1 ? '' : 's'}>`;
}

/** Whether a field path of a Secret names one of its values (`data[password]`, `stringData.token`). */
export function isSecretValuePath(path: string): boolean {
  return /^(data|stringData)([.[]|$)/.test(path);
}

/**
 * A copy of `obj` with a Secret's values masked (keys kept): `data`, `stringData` and the
 * last-applied annotation. Any other object is returned as it is.
 */
export function redactSecret<T extends KObject>(obj: T): T {
  if (obj.kind !== 'Secret') return obj;
  const out = { ...obj } as T & { data?: Record<string, unknown>; stringData?: Record<string, unknown> };
  const source = obj as T & { data?: Record<string, unknown>; stringData?: Record<string, unknown> };
  if (source.data) out.data = mapValues(source.data, (v) => maskedSecretValue(v, 'base64'));
  if (source.stringData) out.stringData = mapValues(source.stringData, (v) => maskedSecretValue(v, 'text'));
  const annotations = obj.metadata?.annotations;
  if (annotations && Object.hasOwn(annotations, LAST_APPLIED)) {
    out.metadata = { ...obj.metadata, annotations: { ...annotations, [LAST_APPLIED]: SECRET_CONTENTS_REDACTED } };
  }
  return out;
}

function mapValues(map: Record<string, unknown>, f: (v: unknown) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(map)) Object.defineProperty(out, key, { value: f(map[key]), enumerable: true, writable: true, configurable: true });
  return out;
}
