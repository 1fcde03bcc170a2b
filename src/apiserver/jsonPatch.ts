// JSON patch (RFC 6902, application/json-patch+json): what `kubectl patch --type json` and
// `kubectl rollout undo` send. Operations apply in order to a copy; a failed `test` or a path that
// does not exist refuses the whole patch.
import { HttpError } from './status.js';

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new HttpError('BadRequest', `invalid JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

function arrayIndex(list: unknown[], token: string, forInsert: boolean): number {
  if (token === '-' && forInsert) return list.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new HttpError('Invalid', `invalid array index: ${token}`);
  const i = Number(token);
  if (i > list.length || (!forInsert && i === list.length)) throw new HttpError('Invalid', `array index out of bounds: ${token}`);
  return i;
}

function parentOf(doc: unknown, tokens: string[], pointer: string): unknown {
  let at: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(at)) at = at[arrayIndex(at, t, false)];
    else if (isContainer(at) && Object.hasOwn(at, t)) at = (at as Record<string, unknown>)[t];
    else throw new HttpError('Invalid', `doc is missing path: "${pointer}": missing value`);
  }
  if (!isContainer(at)) throw new HttpError('Invalid', `doc is missing path: "${pointer}": missing value`);
  return at;
}

function get(doc: unknown, pointer: string): unknown {
  let at: unknown = doc;
  for (const t of parsePointer(pointer)) {
    if (Array.isArray(at)) at = at[arrayIndex(at, t, false)];
    else if (isContainer(at) && Object.hasOwn(at, t)) at = (at as Record<string, unknown>)[t];
    else throw new HttpError('Invalid', `doc is missing path: "${pointer}": missing value`);
  }
  return at;
}

function add(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (!tokens.length) return value;
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else (parent as Record<string, unknown>)[last] = value;
  return doc;
}

function remove(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (!tokens.length) throw new HttpError('Invalid', 'cannot remove the whole document');
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, false), 1);
  else if (Object.hasOwn(parent as object, last)) delete (parent as Record<string, unknown>)[last];
  else throw new HttpError('Invalid', `Unable to remove nonexistent key: ${last}: missing value`);
  return doc;
}

function replace(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (!tokens.length) return value;
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) parent[arrayIndex(parent, last, false)] = value;
  else if (Object.hasOwn(parent as object, last)) (parent as Record<string, unknown>)[last] = value;
  else throw new HttpError('Invalid', `doc is missing key: ${pointer}: missing value`);
  return doc;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isContainer(a) && isContainer(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as any)[k], (b as any)[k]));
  }
  return false;
}

export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new HttpError('BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(document);
  for (const raw of patch) {
    if (!isContainer(raw) || Array.isArray(raw) || typeof (raw as any).op !== 'string' || typeof (raw as any).path !== 'string') {
      throw new HttpError('BadRequest', `invalid JSON patch operation: ${JSON.stringify(raw)}`);
    }
    const op = raw as unknown as Operation;
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, structuredClone(op.value));
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'replace':
        doc = replace(doc, op.path, structuredClone(op.value));
        break;
      case 'move': {
        const value = get(doc, op.from ?? '');
        doc = remove(doc, op.from ?? '');
        doc = add(doc, op.path, value);
        break;
      }
      case 'copy':
        doc = add(doc, op.path, structuredClone(get(doc, op.from ?? '')));
        break;
      case 'test':
        if (!deepEqual(get(doc, op.path), op.value)) throw new HttpError('Invalid', `the server rejected our request due to an error in our request: testing value ${op.path} failed: test failed`);
        break;
      default:
        throw new HttpError('BadRequest', `Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
