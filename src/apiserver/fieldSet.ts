// Sets of field paths, as server-side apply keeps them in managedFields (FieldsV1): a tree whose
// keys are `f:<field>`, `k:<json key of a map-list entry>`, `v:<json value of a set entry>` and
// `i:<index>`; `.` marks a node that is itself a member (a list entry, a map added whole).
// Built from objects with the schema's list types (patchMeta) so containers are keyed by name.
import { isPlain, listMeta, elementKey, fieldTypeOf, isAtomicStruct, objectTypeName } from './patchMeta.js';
import type { FieldType } from '../api/schema/schema.js';

export class FieldSet {
  readonly children = new Map<string, FieldSet>();
  /** The path itself is in the set (a leaf, or a `.` member). */
  self = false;

  child(key: string): FieldSet {
    let c = this.children.get(key);
    if (!c) this.children.set(key, (c = new FieldSet()));
    return c;
  }

  isEmpty(): boolean {
    if (this.self) return false;
    for (const c of this.children.values()) if (!c.isEmpty()) return false;
    return true;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    out.self = this.self;
    for (const [k, c] of this.children) out.children.set(k, c.clone());
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    out.addAll(other);
    return out;
  }

  addAll(other: FieldSet): void {
    if (other.self) this.self = true;
    for (const [k, c] of other.children) this.child(k).addAll(c);
  }

  /** Members of this set that are also members of `other`. */
  intersect(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.self = this.self && other.self;
    for (const [k, c] of this.children) {
      const o = other.children.get(k);
      if (!o) continue;
      const i = c.intersect(o);
      if (!i.isEmpty()) out.children.set(k, i);
    }
    return out;
  }

  /** Members of this set that are not members of `other`. */
  minus(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.self = this.self && !other.self;
    for (const [k, c] of this.children) {
      const o = other.children.get(k);
      const d = o ? c.minus(o) : c.clone();
      if (!d.isEmpty()) out.children.set(k, d);
    }
    return out;
  }

  /** Removes every member at or below each member of `prefixes` (a removed field takes its children along). */
  minusSubtrees(prefixes: FieldSet): FieldSet {
    const out = new FieldSet();
    if (prefixes.self) return out;
    out.self = this.self;
    for (const [k, c] of this.children) {
      const p = prefixes.children.get(k);
      const d = p ? c.minusSubtrees(p) : c.clone();
      if (!d.isEmpty()) out.children.set(k, d);
    }
    return out;
  }

  /** Every member as a list of keys from the root, in sorted order. */
  members(prefix: string[] = []): string[][] {
    const out: string[][] = [];
    if (this.self && prefix.length) out.push(prefix);
    for (const k of [...this.children.keys()].sort()) out.push(...this.children.get(k)!.members([...prefix, k]));
    return out;
  }

  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const hasChildren = [...this.children.values()].some((c) => !c.isEmpty());
    if (this.self && hasChildren) out['.'] = {};
    for (const k of [...this.children.keys()].sort()) {
      const c = this.children.get(k)!;
      if (!c.isEmpty()) out[k] = c.toFieldsV1();
    }
    return out;
  }

  static fromFieldsV1(value: unknown): FieldSet {
    const out = new FieldSet();
    if (!isPlain(value)) return out;
    const entries = Object.entries(value);
    if (!entries.length) out.self = true;
    for (const [k, v] of entries) {
      if (k === '.') out.self = true;
      else {
        const c = FieldSet.fromFieldsV1(v);
        if (!c.isEmpty()) out.children.set(k, c);
      }
    }
    return out;
  }
}

/** `.spec.template.spec.containers[name="nginx"].image`: how conflicts name a field. */
export function formatPath(keys: string[]): string {
  let out = '';
  for (const k of keys) {
    const body = k.slice(2);
    if (k.startsWith('f:')) out += `.${body}`;
    else if (k.startsWith('k:')) {
      const key = JSON.parse(body) as Record<string, unknown>;
      out += `[${Object.entries(key)
        .map(([name, v]) => `${name}=${JSON.stringify(v)}`)
        .join(',')}]`;
    } else if (k.startsWith('v:')) out += `[=${body}]`;
    else if (k.startsWith('i:')) out += `[${body}]`;
  }
  return out;
}

/** Top-level and metadata fields the server owns: never part of anyone's managed fields. */
const STRIPPED_TOP = new Set(['apiVersion', 'kind', 'status']);
const STRIPPED_META = new Set(['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'generation', 'managedFields', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds']);

export type Part = 'main' | 'status';

/** The object as field management sees it: server-owned fields gone; for `status` only the status. */
export function managedView(obj: Record<string, any> | undefined, part: Part): Record<string, any> {
  if (!obj) return {};
  if (part === 'status') return obj.status === undefined ? {} : { status: obj.status };
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (STRIPPED_TOP.has(k) || v === undefined || v === null) continue;
    if (k === 'metadata' && isPlain(v)) {
      const meta: Record<string, any> = {};
      for (const [mk, mv] of Object.entries(v)) if (!STRIPPED_META.has(mk) && mv !== undefined && mv !== null) meta[mk] = mv;
      if (Object.keys(meta).length) out.metadata = meta;
    } else out[k] = v;
  }
  return out;
}

type Mode = 'apply' | 'update';

function isLeafType(type: FieldType | undefined): boolean {
  if (!type) return true;
  if (type.kind === 'object') return isAtomicStruct(type.type);
  return type.kind !== 'map' && type.kind !== 'array';
}

/**
 * Every field set in `value` (of struct type `typeName`) added to `node`. In update mode a map or a
 * list entry added whole is itself a member (`.`), as the apiserver records for Update operations.
 */
export function collectFields(value: unknown, typeName: string | undefined, node: FieldSet, mode: Mode): void {
  if (!isPlain(value)) {
    node.self = true;
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    collectField(v, typeName, k, node.child(`f:${k}`), mode);
  }
}

function collectField(v: unknown, typeName: string | undefined, field: string, node: FieldSet, mode: Mode): void {
  const type = typeName ? fieldTypeOf(typeName, field) : undefined;
  if (!typeName || isLeafType(type)) {
    node.self = true;
    return;
  }
  if (type!.kind === 'object') {
    collectFields(v, type!.type, node, mode);
    if (node.isEmpty()) node.self = true;
    return;
  }
  if (type!.kind === 'map') {
    if (!isPlain(v) || !Object.keys(v).length) {
      node.self = true;
      return;
    }
    if (mode === 'update') node.self = true;
    const valueType = objectTypeName(type!.values);
    for (const [key, child] of Object.entries(v)) {
      const n = node.child(`f:${key}`);
      if (valueType && !isAtomicStruct(valueType)) {
        collectFields(child, valueType, n, mode);
        if (n.isEmpty()) n.self = true;
      } else n.self = true;
    }
    return;
  }
  // arrays
  const meta = listMeta(typeName, field);
  if (meta.listType === 'atomic' || !Array.isArray(v)) {
    node.self = true;
    return;
  }
  if (!v.length) {
    node.self = true;
    return;
  }
  const itemType = objectTypeName((type as { items: FieldType }).items);
  for (const element of v) {
    if (meta.listType === 'set') node.child(`v:${JSON.stringify(element)}`).self = true;
    else if (isPlain(element)) {
      const n = node.child(`k:${JSON.stringify(elementKey(meta, element))}`);
      n.self = true;
      collectFields(element, itemType, n, mode);
    }
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface FieldDiff {
  /** Fields whose value was added or changed. */
  changed: FieldSet;
  /** Fields that are gone (with everything below them). */
  removed: FieldSet;
}

/** What changed from `before` to `after`, both of struct type `typeName`. */
export function diffFields(before: unknown, after: unknown, typeName: string | undefined): FieldDiff {
  const d: FieldDiff = { changed: new FieldSet(), removed: new FieldSet() };
  diffStruct(isPlain(before) ? before : {}, isPlain(after) ? after : {}, typeName, d.changed, d.removed);
  return d;
}

function diffStruct(a: Record<string, any>, b: Record<string, any>, typeName: string | undefined, changed: FieldSet, removed: FieldSet): void {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const av = a[k] ?? undefined;
    const bv = b[k] ?? undefined;
    if (av === undefined && bv === undefined) continue;
    const key = `f:${k}`;
    if (bv === undefined) {
      removed.child(key).self = true;
      continue;
    }
    if (av === undefined) {
      collectField(bv, typeName, k, changed.child(key), 'update');
      continue;
    }
    if (deepEqual(av, bv)) continue;
    diffField(av, bv, typeName, k, changed.child(key), removed.child(key));
  }
}

function diffField(av: unknown, bv: unknown, typeName: string | undefined, field: string, changed: FieldSet, removed: FieldSet): void {
  const type = typeName ? fieldTypeOf(typeName, field) : undefined;
  if (!typeName || isLeafType(type) || !isPlainOrArray(av) || !isPlainOrArray(bv)) {
    changed.self = true;
    return;
  }
  if (type!.kind === 'object') {
    if (!isPlain(av) || !isPlain(bv)) changed.self = true;
    else diffStruct(av, bv, type!.type, changed, removed);
    return;
  }
  if (type!.kind === 'map') {
    if (!isPlain(av) || !isPlain(bv)) {
      changed.self = true;
      return;
    }
    const valueType = objectTypeName(type!.values);
    const keys = new Set([...Object.keys(av), ...Object.keys(bv)]);
    for (const k of keys) {
      const x = av[k];
      const y = bv[k];
      if (deepEqual(x, y)) continue;
      if (y === undefined || y === null) removed.child(`f:${k}`).self = true;
      else if (x === undefined || x === null || !valueType || isAtomicStruct(valueType)) {
        const n = changed.child(`f:${k}`);
        if (valueType && !isAtomicStruct(valueType) && isPlain(y)) {
          collectFields(y, valueType, n, 'update');
          n.self = true;
        } else n.self = true;
      } else diffStruct(x as any, y as any, valueType, changed.child(`f:${k}`), removed.child(`f:${k}`));
    }
    return;
  }
  const meta = listMeta(typeName, field);
  if (meta.listType === 'atomic' || !Array.isArray(av) || !Array.isArray(bv)) {
    changed.self = true;
    return;
  }
  if (meta.listType === 'set') {
    for (const v of bv) if (!av.some((x) => deepEqual(x, v))) changed.child(`v:${JSON.stringify(v)}`).self = true;
    for (const v of av) if (!bv.some((x) => deepEqual(x, v))) removed.child(`v:${JSON.stringify(v)}`).self = true;
    return;
  }
  const itemType = objectTypeName((type as { items: FieldType }).items);
  const keyOf = (e: unknown) => (isPlain(e) ? `k:${JSON.stringify(elementKey(meta, e))}` : `v:${JSON.stringify(e)}`);
  const before = new Map(av.map((e) => [keyOf(e), e]));
  const after = new Map(bv.map((e) => [keyOf(e), e]));
  for (const [k, e] of after) {
    const old = before.get(k);
    if (old === undefined) {
      const n = changed.child(k);
      n.self = true;
      collectFields(e, itemType, n, 'update');
    } else if (!deepEqual(old, e) && isPlain(old) && isPlain(e)) diffStruct(old, e, itemType, changed.child(k), removed.child(k));
  }
  for (const k of before.keys()) if (!after.has(k)) removed.child(k).self = true;
}

function isPlainOrArray(v: unknown): boolean {
  return isPlain(v) || Array.isArray(v);
}
