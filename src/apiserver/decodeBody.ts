// Request bodies → objects to store: parsed (JSON, or YAML for apply patches), checked against the
// URL's kind and namespace, converted to the stored version and strictly decoded as the request's
// `fieldValidation` asks (Strict: 400 on unknown fields; Warn: a Warning header each; Ignore).
import { parse as parseYaml } from 'yaml';
import { isApiError } from '../api/errors.js';
import type { KObject } from '../api/object.js';
import { strictDecode } from '../api/schema/decode.js';
import type { ResourceInfo } from './apiResources.js';
import { HttpError } from './status.js';
import { fromServedVersion } from './versions.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const v = query.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw new HttpError('BadRequest', `fieldValidation must be one of "Ignore", "Warn", or "Strict", got ${JSON.stringify(v)}`);
}

/** Parses a JSON (or, when asked, YAML) body into a plain value, with the apiserver's wording on failure. */
export function parseBody(body: Buffer, contentType: string): unknown {
  const text = body.toString('utf8');
  if (!text.trim()) throw new HttpError('BadRequest', 'the body of the request was empty');
  if (contentType.includes('yaml')) {
    try {
      return parseYaml(text, { maxAliasCount: 100 });
    } catch (error) {
      throw new HttpError('BadRequest', `error converting YAML to JSON: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError('BadRequest', `couldn't get version/kind; json parse error: ${(error as Error).message}`);
  }
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface DecodeOptions {
  resource: ResourceInfo;
  /** The namespace in the URL, for namespaced resources. */
  namespace?: string;
  /** The name in the URL (update, apply). */
  name?: string;
  validation: FieldValidation;
  /** Collected `Warning` header texts. */
  warnings: string[];
}

/** The body as an object of the stored version, ready for the store (which defaults and validates). */
export function decodeObject(value: unknown, o: DecodeOptions): KObject {
  const r = o.resource;
  if (!isObject(value)) throw new HttpError('BadRequest', `Object 'Kind' is missing in '${JSON.stringify(value)?.slice(0, 200)}'`);
  if (typeof value.kind !== 'string' || !value.kind) throw new HttpError('BadRequest', `Object 'Kind' is missing in '${JSON.stringify(value).slice(0, 200)}'`);
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
  if (value.kind !== r.kind || apiVersion !== r.groupVersion) {
    throw new HttpError('BadRequest', `${value.kind} in version "${apiVersion}" cannot be handled as a ${r.kind}: the object's kind and apiVersion must be ${r.kind} and ${r.groupVersion} here`);
  }
  if (value.metadata !== undefined && value.metadata !== null && !isObject(value.metadata)) {
    throw new HttpError('BadRequest', `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: metadata must be an object`);
  }
  let obj: KObject;
  try {
    obj = fromServedVersion(structuredClone(value) as KObject, r);
  } catch (error) {
    if (isApiError(error)) throw new HttpError('BadRequest', error.message);
    throw error;
  }
  obj = dropNulls(obj) as KObject;
  obj.metadata ??= {};
  checkNamespaceAndName(obj, o);

  const problems = strictDecode(obj, obj.kind);
  const unknown = problems.filter((p) => p.type === 'FieldValueUnknown');
  const typeErrors = problems.filter((p) => p.type === 'FieldValueTypeInvalid');
  const prefix = `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}`;
  if (typeErrors.length) throw new HttpError('BadRequest', `${prefix}: ${typeErrors.map((p) => p.message).join(', ')}`);
  if (unknown.length && o.validation === 'Strict') {
    throw new HttpError('BadRequest', `${prefix}: strict decoding error: ${unknown.map((p) => p.message).join(', ')}`);
  }
  if (unknown.length && o.validation === 'Warn') o.warnings.push(...unknown.map((p) => p.message));
  if (unknown.length) dropUnknown(obj, unknown.map((p) => p.field));
  return obj;
}

function checkNamespaceAndName(obj: KObject, o: DecodeOptions): void {
  const meta = obj.metadata;
  if (o.resource.namespaced) {
    if (meta.namespace && o.namespace && meta.namespace !== o.namespace) {
      throw new HttpError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
    if (o.namespace) meta.namespace = o.namespace;
  } else {
    delete meta.namespace;
  }
  if (o.name !== undefined) {
    if (meta.name && meta.name !== o.name) {
      throw new HttpError('BadRequest', `the name of the object (${meta.name}) does not match the name on the URL (${o.name})`);
    }
    meta.name = o.name;
  }
}

/**
 * A null field decodes to Go's zero value, which is serialized as absent: `creationTimestamp: null`
 * in a template kubectl sends back must not make it differ from the same template without it.
 */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = dropNulls(v);
  return out;
}

/** Unknown fields are dropped, as Go's decoder drops them (`spec.template.spec.foo`, `a[0].b`). */
function dropUnknown(obj: KObject, paths: string[]): void {
  for (const path of paths) {
    const steps = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
    let at: any = obj;
    for (let i = 0; i < steps.length - 1 && at !== undefined; i++) {
      const s = steps[i];
      at = s.startsWith('[') ? at?.[Number(s.slice(1, -1))] : at?.[s];
    }
    const last = steps[steps.length - 1];
    if (isObject(at) && last && !last.startsWith('[')) delete at[last];
  }
}
