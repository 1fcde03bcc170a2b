// ConfigMaps and Secrets: key names, the 1 MiB limit, Secret types' required keys, and immutability.
// Secret `data` (and ConfigMap `binaryData`) values are base64 text, decoded as Go decodes []byte.
import type { FieldCause } from '../errors.js';
import { SECRET_CONTENTS_REDACTED } from '../secretRedaction.js';
import { deepEqual, field, immutable, path, type Path } from './fieldPath.js';
import { decodeGoBase64 } from './goBase64.js';
import { validateMeta } from './meta.js';
import { isConfigMapKey, nameIsDNSSubdomain } from './names.js';

export const maxSecretSize = 1024 * 1024;
const immutableMsg = 'field is immutable when `immutable` is set';

/** The decoded size of a base64 value, or undefined after reporting where Go's decoder stops. */
function decodedSize(value: unknown, at: Path, errs: FieldCause[], secret = false): number | undefined {
  const text = typeof value === 'string' ? value : String(value ?? '');
  const result = decodeGoBase64(text);
  if ('error' in result) {
    // A Secret's value is never echoed back, as the apiserver does for the contents it checks.
    errs.push(field.invalid(at, secret ? SECRET_CONTENTS_REDACTED : text, result.error));
    return undefined;
  }
  return result.bytes;
}

function validateKeys(map: Record<string, unknown> | undefined, at: Path): FieldCause[] {
  const errs: FieldCause[] = [];
  for (const key of Object.keys(map ?? {}).sort()) for (const msg of isConfigMapKey(key)) errs.push(field.invalid(at.key(key), key, msg));
  return errs;
}

export function validateConfigMap(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  if (old?.immutable === true) {
    if (obj.immutable !== true) errs.push(field.forbidden(path('immutable'), immutableMsg));
    if (!deepEqual(obj.data, old.data)) errs.push(field.forbidden(path('data'), immutableMsg));
    if (!deepEqual(obj.binaryData, old.binaryData)) errs.push(field.forbidden(path('binaryData'), immutableMsg));
  }
  const data: Record<string, unknown> = obj.data ?? {};
  const binary: Record<string, unknown> = obj.binaryData ?? {};
  errs.push(...validateKeys(data, path('data')));
  let total = 0;
  for (const key of Object.keys(data).sort()) {
    if (Object.hasOwn(binary, key)) errs.push(field.invalid(path('data').key(key), key, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(String(data[key] ?? ''));
  }
  errs.push(...validateKeys(binary, path('binaryData')));
  for (const key of Object.keys(binary).sort()) total += decodedSize(binary[key], path('binaryData').key(key), errs) ?? 0;
  // The apiserver reports the whole object with an empty path, printed as `[]`.
  if (total > maxSecretSize) errs.push(field.tooLong('[]', maxSecretSize));
  return errs;
}

/** Go's json.Unmarshal into a map, reduced to the errors people actually hit. */
function jsonObjectError(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return 'unexpected end of JSON input';
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (e) {
    const message = (e as Error).message;
    if (/end of (JSON )?input/i.test(message)) return 'unexpected end of JSON input';
    const position = /position (\d+)/.exec(message);
    const at = position ? Number(position[1]) : 0;
    return `invalid character '${trimmed[at] ?? trimmed[0]}' looking for beginning of value`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'array' : parsed === null ? 'null' : typeof parsed === 'boolean' ? 'bool' : typeof parsed;
    if (kind === 'null') return undefined;
    return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
  }
  return undefined;
}

function decodedText(value: unknown): string {
  return Buffer.from(String(value ?? ''), 'base64').toString('utf8');
}

function validateSecretType(obj: any, data: Record<string, unknown>): FieldCause[] {
  const errs: FieldCause[] = [];
  const dataPath = path('data');
  const has = (key: string) => Object.hasOwn(data, key);
  switch (obj.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!obj.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(field.required(path('metadata', 'annotations').key('kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = obj.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) errs.push(field.required(dataPath.key(key)));
      else {
        const problem = jsonObjectError(decodedText(data[key]));
        if (problem) errs.push(field.invalid(dataPath.key(key), SECRET_CONTENTS_REDACTED, problem));
      }
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(field.required(dataPath.key('username')), field.required(dataPath.key('password')));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!String(data['ssh-privatekey'] ?? '')) errs.push(field.required(dataPath.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(field.required(dataPath.key('tls.crt')));
      if (!has('tls.key')) errs.push(field.required(dataPath.key('tls.key')));
      break;
  }
  return errs;
}

export function validateSecret(obj: any, old?: any): FieldCause[] {
  const errs = validateMeta(obj, old, true, nameIsDNSSubdomain);
  if (old) {
    errs.push(...immutable(obj.type ?? '', old.type ?? '', path('type')));
    if (old.immutable === true) {
      if (obj.immutable !== true) errs.push(field.forbidden(path('immutable'), immutableMsg));
      if (!deepEqual(obj.data, old.data)) errs.push(field.forbidden(path('data'), immutableMsg));
    }
  }
  const data: Record<string, unknown> = obj.data ?? {};
  let total = 0;
  for (const key of Object.keys(data).sort()) {
    for (const msg of isConfigMapKey(key)) errs.push(field.invalid(path('data').key(key), key, msg));
    total += decodedSize(data[key], path('data').key(key), errs, true) ?? 0;
  }
  if (total > maxSecretSize) errs.push(field.tooLong(path('data'), maxSecretSize));
  errs.push(...validateSecretType(obj, data));
  return errs;
}
