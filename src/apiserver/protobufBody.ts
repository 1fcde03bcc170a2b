// Request bodies in Kubernetes protobuf (`application/vnd.kubernetes.protobuf`), which the typed
// clients of kubectl 1.31+ send for built-in kinds (`kubectl create deployment`, `autoscale`, `drain`,
// `auth can-i`). The envelope is `k8s\0` + runtime.Unknown{typeMeta, raw}; the message is decoded
// into the JSON object it stands for with the field tables of protobufTypes. Go writes every
// non-pointer field, empty or not, so zero values are dropped unless the field is a pointer.
import { HttpError } from './status.js';
import { MESSAGES, rootMessage } from './protobufTypes.js';

type Raw = Buffer | number;
type Fields = Array<[number, Raw]>;

function readVarint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    const b = buf[i];
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (!(b & 0x80)) return [value, i + 1];
  }
  throw new HttpError('BadRequest', 'malformed protobuf body: bad varint');
}

function parseMessage(buf: Buffer): Fields {
  const out: Fields = [];
  let at = 0;
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const [v, after] = readVarint(buf, at);
      out.push([field, v]);
      at = after;
    } else if (wire === 2) {
      const [length, start] = readVarint(buf, at);
      if (start + length > buf.length) throw new HttpError('BadRequest', 'malformed protobuf body: truncated field');
      out.push([field, buf.subarray(start, start + length)]);
      at = start + length;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new HttpError('BadRequest', `malformed protobuf body: wire type ${wire}`);
  }
  return out;
}

/** int64 varints of negative numbers arrive as 2^64 - n. */
function signed(n: number): number {
  return n > Number.MAX_SAFE_INTEGER ? n - 2 ** 64 : n;
}

function mapEntry(buf: Buffer, valueType: string): [string, unknown] {
  let key = '';
  let value: unknown = valueType === 'q' ? '' : '';
  for (const [n, v] of parseMessage(buf)) {
    if (n === 1 && Buffer.isBuffer(v)) key = v.toString('utf8');
    if (n === 2 && Buffer.isBuffer(v)) value = valueType === 'b' ? v.toString('base64') : valueType === 'q' ? quantity(v) : v.toString('utf8');
  }
  return [key, value];
}

function quantity(buf: Buffer): string {
  for (const [n, v] of parseMessage(buf)) if (n === 1 && Buffer.isBuffer(v)) return v.toString('utf8');
  return '';
}

function time(buf: Buffer): string | undefined {
  let seconds = 0;
  for (const [n, v] of parseMessage(buf)) if (n === 1 && typeof v === 'number') seconds = signed(v);
  return buf.length ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : undefined;
}

function intOrString(buf: Buffer): number | string | undefined {
  let type = 0;
  let intVal = 0;
  let strVal = '';
  for (const [n, v] of parseMessage(buf)) {
    if (n === 1 && typeof v === 'number') type = v;
    if (n === 2 && typeof v === 'number') intVal = signed(v);
    if (n === 3 && Buffer.isBuffer(v)) strVal = v.toString('utf8');
  }
  return type === 1 ? strVal : intVal;
}

function scalar(type: string, v: Raw): unknown {
  const base = type.endsWith('?') ? type.slice(0, -1) : type;
  switch (base) {
    case 's':
      return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
    case 'b':
      return Buffer.isBuffer(v) ? v.toString('base64') : undefined;
    case 'i':
      return typeof v === 'number' ? signed(v) : undefined;
    case 't':
      return typeof v === 'number' ? v !== 0 : undefined;
    case 'q':
      return Buffer.isBuffer(v) ? quantity(v) : undefined;
    case 'ts':
      return Buffer.isBuffer(v) ? time(v) : undefined;
    case 'ios':
      return Buffer.isBuffer(v) ? intOrString(v) : undefined;
    default:
      return Buffer.isBuffer(v) ? decodeMessage(v, base) : undefined;
  }
}

function isEmpty(value: unknown, type: string): boolean {
  if (value === undefined || value === null) return true;
  if (type.endsWith('?')) return false;
  if (value === '' || value === 0 || value === false) return true;
  return typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

export function decodeMessage(buf: Buffer, name: string): Record<string, unknown> {
  const spec = MESSAGES[name];
  if (!spec) throw new HttpError('UnsupportedMediaType', `kubesim cannot read ${name} in protobuf; send application/json`);
  const out: Record<string, unknown> = {};
  for (const [n, raw] of parseMessage(buf)) {
    const field = spec[n];
    if (!field) continue;
    const [json, type] = field;
    if (type.startsWith('~')) {
      if (Buffer.isBuffer(raw)) Object.assign(out, decodeMessage(raw, type.slice(1)));
    } else if (type.startsWith('{}')) {
      if (!Buffer.isBuffer(raw)) continue;
      const [k, v] = mapEntry(raw, type.slice(2));
      ((out[json] ??= {}) as Record<string, unknown>)[k] = v;
    } else if (type.startsWith('[]')) {
      const v = scalar(type.slice(2), raw);
      if (v !== undefined) ((out[json] ??= []) as unknown[]).push(v);
    } else {
      const v = scalar(type, raw);
      if (!isEmpty(v, type)) out[json] = v;
    }
  }
  return out;
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The body as the JSON object it stands for. */
export function decodeProtobufBody(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new HttpError('BadRequest', 'provided protobuf is missing the k8s\\0 prefix');
  const unknown = parseMessage(body.subarray(4));
  const typeMetaRaw = unknown.find(([n]) => n === 1)?.[1];
  const raw = unknown.find(([n]) => n === 2)?.[1];
  let apiVersion = '';
  let kind = '';
  if (Buffer.isBuffer(typeMetaRaw)) {
    for (const [n, v] of parseMessage(typeMetaRaw)) {
      if (n === 1 && Buffer.isBuffer(v)) apiVersion = v.toString('utf8');
      if (n === 2 && Buffer.isBuffer(v)) kind = v.toString('utf8');
    }
  }
  const root = rootMessage(apiVersion, kind);
  if (!root) throw new HttpError('UnsupportedMediaType', `kubesim cannot read ${kind || 'this object'} in protobuf; send application/json`);
  return { apiVersion, kind, ...decodeMessage(Buffer.isBuffer(raw) ? raw : Buffer.alloc(0), root) };
}
