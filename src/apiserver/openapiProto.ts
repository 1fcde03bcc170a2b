// The OpenAPI v2 document in protobuf (gnostic's openapi_v2.Document), which is the only form
// kubectl's client-go accepts from /openapi/v2. Field numbers are those of OpenAPIv2.proto; vendor
// extensions travel as YAML text, as gnostic stores them.
import { stringify } from 'yaml';

type Json = Record<string, any>;

class Writer {
  private readonly parts: Buffer[] = [];

  private varint(n: number): void {
    const bytes: number[] = [];
    let v = n;
    while (v > 0x7f) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
    this.parts.push(Buffer.from(bytes));
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  string(field: number, value: string | undefined): this {
    if (value === undefined || value === '') return this;
    const bytes = Buffer.from(value, 'utf8');
    this.tag(field, 2);
    this.varint(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  strings(field: number, values: string[] | undefined): this {
    for (const v of values ?? []) this.string(field, v);
    return this;
  }

  bool(field: number, value: boolean | undefined): this {
    if (!value) return this;
    this.tag(field, 0);
    this.varint(1);
    return this;
  }

  message(field: number, body: Writer | undefined): this {
    if (!body) return this;
    const bytes = body.finish();
    this.tag(field, 2);
    this.varint(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function vendorExtensions(w: Writer, field: number, obj: Json): void {
  for (const [k, v] of Object.entries(obj)) {
    if (!k.startsWith('x-')) continue;
    w.message(field, new Writer().string(1, k).message(2, new Writer().string(2, stringify(v))));
  }
}

function schema(s: Json): Writer {
  const w = new Writer().string(1, s.$ref).string(2, s.format).string(4, s.description).strings(19, s.required);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') w.message(21, new Writer().message(1, schema(s.additionalProperties)));
  if (s.type) w.message(22, new Writer().strings(1, [s.type]));
  if (s.items) w.message(23, new Writer().message(1, schema(s.items)));
  for (const sub of s.allOf ?? []) w.message(24, schema(sub));
  if (s.properties) {
    const props = new Writer();
    for (const [name, value] of Object.entries(s.properties as Json)) props.message(1, new Writer().string(1, name).message(2, schema(value)));
    w.message(25, props);
  }
  vendorExtensions(w, 31, s);
  return w;
}

function parameter(p: Json): Writer {
  if (p.in === 'body') {
    const body = new Writer().string(1, p.description).string(2, p.name).string(3, p.in).bool(4, p.required).message(5, schema(p.schema ?? {}));
    return new Writer().message(1, new Writer().message(1, body));
  }
  // QueryParameterSubSchema (3) and PathParameterSubSchema (4) share their first fields' numbers.
  const sub = new Writer().bool(1, p.required).string(2, p.in).string(3, p.description).string(4, p.name);
  if (p.in === 'path') sub.string(5, p.type);
  else sub.string(6, p.type).bool(20, p.uniqueItems);
  const nonBody = new Writer().message(p.in === 'path' ? 4 : 3, sub);
  return new Writer().message(1, new Writer().message(2, nonBody));
}

function operation(op: Json): Writer {
  const w = new Writer().string(3, op.description).string(5, op.operationId).strings(6, op.produces).strings(7, op.consumes);
  for (const p of op.parameters ?? []) w.message(8, parameter(p));
  const responses = new Writer();
  for (const [code, r] of Object.entries((op.responses ?? {}) as Json)) {
    const response = new Writer().string(1, r.description);
    if (r.schema) response.message(2, new Writer().message(1, schema(r.schema)));
    responses.message(1, new Writer().string(1, code).message(2, new Writer().message(1, response)));
  }
  w.message(9, responses).strings(10, op.schemes);
  vendorExtensions(w, 13, op);
  return w;
}

const METHODS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, patch: 8 };

export function encodeOpenApiV2(doc: Json): Buffer {
  const w = new Writer().string(1, doc.swagger).message(2, new Writer().string(1, doc.info?.title).string(2, doc.info?.version));
  const paths = new Writer();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Json)) {
    const pi = new Writer();
    for (const [method, field] of Object.entries(METHODS)) if (item[method]) pi.message(field, operation(item[method]));
    for (const p of item.parameters ?? []) pi.message(9, parameter(p));
    paths.message(2, new Writer().string(1, path).message(2, pi));
  }
  w.message(8, paths);
  const defs = new Writer();
  for (const [name, s] of Object.entries((doc.definitions ?? {}) as Json)) defs.message(1, new Writer().string(1, name).message(2, schema(s)));
  w.message(9, defs);
  return w.finish();
}
