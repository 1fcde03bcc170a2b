// One parsed document → a Kubernetes object ready to store, or located errors: kind known, legacy
// apiVersion converted (with a warning), no unknown or mistyped fields, valid after defaulting.
import { kindInfo, KINDS } from '../api/kinds.js';
import type { KObject } from '../api/object.js';
import { convertToCurrent } from '../api/conversion.js';
import { applyDefaults } from '../api/defaults/index.js';
import { isApiError } from '../api/errors.js';
import { normalizeNulls, strictDecode } from '../api/schema/decode.js';
import { validateObject } from '../api/validation/index.js';
import { ManifestError } from './errors.js';
import { base64Hint, unknownFieldHint } from './hints.js';
import type { ParsedDocument } from './parse.js';

export interface DecodedManifest {
  object: KObject;
  document: ParsedDocument;
  /** `Deployment default/web`, how errors and output name it. */
  displayName: string;
}

export interface DecodeResult {
  manifests: DecodedManifest[];
  warnings: string[];
  errors: ManifestError[];
}

export function describeObject(obj: { kind?: unknown; metadata?: unknown }): string {
  const kind = typeof obj.kind === 'string' ? obj.kind : 'object';
  // A hostile manifest may put anything here: only strings name an object.
  const meta = (typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const generate = text(meta.generateName);
  const name = text(meta.name) ?? (generate ? `${generate}*` : '(no name)');
  const info = kindInfo(kind);
  const ns = info?.namespaced ? `${text(meta.namespace) ?? 'default'}/` : '';
  return `${kind} ${ns}${name}`;
}

export function decodeDocuments(documents: ParsedDocument[]): DecodeResult {
  const result: DecodeResult = { manifests: [], warnings: [], errors: [] };
  for (const document of documents) {
    const errorsBefore = result.errors.length;
    const decoded = decodeOne(document, result);
    if (decoded && result.errors.length === errorsBefore) result.manifests.push(decoded);
  }
  return result;
}

function decodeOne(document: ParsedDocument, result: DecodeResult): DecodedManifest | undefined {
  const raw = document.object;
  const name = describeObject(raw as KObject);
  const fail = (field: string | undefined, detail: string) =>
    result.errors.push(new ManifestError(field ? document.locate(field) : document.location, name, detail));

  if (typeof raw.apiVersion !== 'string' || !raw.apiVersion) return void fail(undefined, 'apiVersion: Required value: every manifest names its API version (e.g. apiVersion: apps/v1)');
  if (typeof raw.kind !== 'string' || !raw.kind) return void fail(undefined, 'kind: Required value: every manifest names its kind (e.g. kind: Deployment)');
  if (!kindInfo(raw.kind)) {
    const known = KINDS.map((k) => k.kind).join(', ');
    return void fail('kind', `no matches for kind "${raw.kind}" in version "${raw.apiVersion}": kubesim simulates ${known}`);
  }
  if (raw.metadata !== undefined && (typeof raw.metadata !== 'object' || raw.metadata === null || Array.isArray(raw.metadata)))
    return void fail('metadata', 'metadata: Invalid value: must be an object');

  let object: KObject;
  try {
    const converted = convertToCurrent(structuredClone(raw) as KObject);
    object = converted.object;
    if (converted.warning) result.warnings.push(`${document.location.file}:${document.location.line}: ${converted.warning}`);
  } catch (error) {
    if (isApiError(error)) return void fail('apiVersion', error.message);
    throw error;
  }
  object.metadata ??= {};
  // status belongs to the cluster: the API server's create strategies reset what a manifest says there.
  delete (object as { status?: unknown }).status;

  const problems = strictDecode(object, object.kind);
  for (const p of problems) fail(p.field, p.message + unknownFieldHint(object.kind, p));
  if (problems.length) return undefined;
  normalizeNulls(object as unknown as Record<string, unknown>, object.kind);

  const defaulted = structuredClone(object);
  applyDefaults(defaulted);
  for (const cause of validateObject(defaulted)) fail(cause.field, cause.message + base64Hint(object.kind, cause.message));
  return { object, document, displayName: describeObject(object) };
}
