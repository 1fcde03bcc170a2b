// Hostile manifests for property-based tests: real objects (every fixture kubesim ships) and objects
// grown from a kind's schema, then broken the way people break them — wrong types, missing and
// unknown fields, huge and negative numbers, odd keys, deep nesting — and finally written out as
// YAML or JSON and damaged as text (duplicate keys, anchors and aliases, stray characters, cut short).
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { KINDS } from '../../src/api/kinds.js';
import { fieldsOf, typeForKind, type FieldType } from '../../src/api/schema/schema.js';
import { SeededRandom } from '../../src/sim/random.js';

type Json = unknown;
type Obj = Record<string, unknown>;

// ---- seed objects ----------------------------------------------------------------------------

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(entry)) out.push(path);
  }
  return out;
}

/** Every object in the shipped fixtures (scenario documents aside), as plain data. */
export function fixtureObjects(): Obj[] {
  const out: Obj[] = [];
  for (const file of [...yamlFiles('fixtures'), ...yamlFiles('test/fixtures')]) {
    for (const doc of YAML.parseAllDocuments(readFileSync(file, 'utf8'))) {
      if (doc.errors.length) continue;
      const value = doc.toJS() as Obj | null;
      if (!value || typeof value !== 'object' || value.kind === 'Scenario') continue;
      out.push(value);
    }
  }
  return out;
}

const NAMES = ['web', 'db', 'api', 'x', 'default', 'kube-system', 'nginx', 'a.b', 'web-0'];
const IMAGES = ['nginx', 'nginx:1.25', 'busybox', 'mysql:8', 'registry.invalid/none:latest', 'php-apache', ''];
const QUANTITIES = ['100m', '1', '0.5', '1Gi', '512Mi', '1e3', '-1', '0', '1Ei', '999999999999999999999'];

/** A value for a schema field, plausible most of the time so that generation reaches deep fields. */
function valueFor(type: FieldType, r: SeededRandom, depth: number): Json {
  switch (type.kind) {
    case 'string':
      return r.int(4) === 0 ? IMAGES[r.int(IMAGES.length)] : NAMES[r.int(NAMES.length)];
    case 'integer':
      return [0, 1, 2, 3, 5, 10, 30, 80, 443, 8080, 65535, -1][r.int(12)];
    case 'number':
      return r.next() * 10;
    case 'boolean':
      return r.int(2) === 0;
    case 'IntOrString':
      return r.int(2) === 0 ? r.int(100) : ['25%', 'http', '50%', '0'][r.int(4)];
    case 'Quantity':
      return QUANTITIES[r.int(QUANTITIES.length)];
    case 'Time':
      return '2024-01-01T00:00:00Z';
    case 'any':
      return { a: 1 };
    case 'array': {
      if (depth > 6) return [];
      const n = r.int(3);
      return Array.from({ length: n }, () => valueFor(type.items, r, depth + 1));
    }
    case 'map': {
      const out: Obj = {};
      for (let i = r.int(3); i > 0; i--) out[NAMES[r.int(NAMES.length)]!] = valueFor(type.values, r, depth + 1);
      return out;
    }
    case 'object':
      return depth > 6 ? {} : objectOf(type.type, r, depth + 1);
  }
}

function objectOf(typeName: string, r: SeededRandom, depth: number): Obj {
  const out: Obj = {};
  for (const field of fieldsOf(typeName)?.values() ?? []) {
    if (field.name === 'status') continue;
    // Required fields usually, others now and then: objects stay small but reach everywhere.
    if (field.required ? r.int(10) === 0 : r.int(5) !== 0) continue;
    out[field.name] = valueFor(field.type, r, depth);
  }
  return out;
}

const SERVED_KINDS = KINDS.map((k) => k).filter((k) => typeForKind(k.kind));

/** An object of a random kind grown from the schema (seeded, so a failure replays). */
export function schemaObject(seed: number): Obj {
  const r = new SeededRandom(seed);
  const info = SERVED_KINDS[r.int(SERVED_KINDS.length)]!;
  const body = objectOf(typeForKind(info.kind)!, r, 0);
  const name = NAMES[r.int(NAMES.length)]!;
  return { ...body, apiVersion: info.apiVersion, kind: info.kind, metadata: { name, ...(info.namespaced && r.int(3) === 0 ? { namespace: 'default' } : {}) } };
}

// ---- mutations --------------------------------------------------------------------------------

const HOSTILE_CONSTANTS: Json[] = [
  -1, 0, -0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 + 2, -(2 ** 53) - 2, 1e300, -1e300, 0.5, -0.5, Infinity, -Infinity, NaN,
  '', ' ', '-1', '0x1F', '1e9999', 'null', '~', 'true', '10Gi', '500m', '-500m', '1.5', 'x'.repeat(300), 'y'.repeat(70_000), '\u0000', '💥',
  'é', '\u202e', '\uFFFD', '$(HOME)', '${X}', '*', '..', '../../etc/passwd', 'kube-system', 'default', '__proto__', 'constructor',
  'toString', 'UPPER', 'a b', 'a/b', 'a:b', '-', '25%', '101%', '2024-13-45', 'P1D', true, false, null, [], {}, [null], { '': '' },
];

export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(fc.constantFrom<Json>('a', 1, null, {}), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'name', '__proto__', 'x.y', ''), fc.constantFrom<Json>('v', 1, null, []), { maxKeys: 3 }) },
);

const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'bogus', '', ' ', 'a.b', 'status', 'kind', 'metadata', 'spec', 'x'.repeat(300)];

const SAME_TYPE_NUMBERS = [0, 1, -1, 2, 3, 10, 100, 2 ** 31 - 1, 65535, 65536, 30000, 32767, 86400, 0.5];
const SAME_TYPE_STRINGS = ['', 'web', 'Web', 'a'.repeat(64), 'a'.repeat(254), '-x', 'x-', 'a.b', 'a_b', '1', '0', '100%', '0%', '101%', '1m', '1Gi', '-1', '*', 'latest', 'nginx:', ':tag', 'Always', 'Never', 'IfNotPresent', 'None', 'TCP', 'UDP', 'In', 'NotIn', 'Exists', 'NoSchedule', 'NoExecute', '0 * * * *', '* * * *', '@hourly', '@every 1m', 'kubernetes.io/hostname', 'default', 'kube-system', 'nope'];

/** A value of the same JSON type as `current`: wrong in content, not in type, so validation and the controllers get it. */
function tweaked(current: Json, pick: number): Json {
  if (typeof current === 'number') return SAME_TYPE_NUMBERS[pick % SAME_TYPE_NUMBERS.length];
  if (typeof current === 'string') return SAME_TYPE_STRINGS[pick % SAME_TYPE_STRINGS.length];
  if (typeof current === 'boolean') return !current;
  if (Array.isArray(current)) return pick % 2 ? [] : [...current, ...current];
  return current;
}

export type Mutation =
  | { op: 'tweak'; at: number; pick: number }
  | { op: 'set'; at: number; value: Json }
  | { op: 'delete'; at: number }
  | { op: 'addKey'; at: number; key: string; value: Json }
  | { op: 'wrapArray'; at: number }
  | { op: 'nest'; at: number; depth: number }
  | { op: 'duplicateItem'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('tweak' as const), at: fc.nat(), pick: fc.nat() }) },
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('addKey' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 })), value: hostileValue }),
  fc.record({ op: fc.constant('wrapArray' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.constantFrom(5, 50, 99, 101, 150) }),
  fc.record({ op: fc.constant('duplicateItem' as const), at: fc.nat() }),
);

type Slot = { parent: Obj | Json[]; key: string | number };

/** Every (parent, key) slot in the object, depth first. */
function slots(root: Obj): Slot[] {
  const out: Slot[] = [];
  const stack: Array<Obj | Json[]> = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const entries: Array<[string | number, Json]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, value] of entries) {
      out.push({ parent: node, key });
      if (value && typeof value === 'object') stack.push(value as Obj);
    }
  }
  return out;
}

function nested(depth: number, leaf: Json): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

function setSlot(slot: Slot, value: Json): void {
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else Object.defineProperty(slot.parent, slot.key, { value, enumerable: true, writable: true, configurable: true });
}

export function mutate(object: Obj, mutations: readonly Mutation[]): Obj {
  const root = structuredClone(object);
  for (const m of mutations) {
    const all = slots(root);
    if (!all.length) break;
    const slot = all[m.at % all.length]!;
    const current = Array.isArray(slot.parent) ? slot.parent[slot.key as number] : (slot.parent as Obj)[slot.key as string];
    switch (m.op) {
      case 'tweak':
        setSlot(slot, tweaked(current, m.pick));
        break;
      case 'set':
        setSlot(slot, structuredClone(m.value));
        break;
      case 'delete':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete (slot.parent as Obj)[slot.key as string];
        break;
      case 'addKey': {
        const target = current && typeof current === 'object' && !Array.isArray(current) ? (current as Obj) : (slot.parent as Obj);
        if (!Array.isArray(target)) Object.defineProperty(target, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
        break;
      }
      case 'wrapArray':
        setSlot(slot, [current]);
        break;
      case 'nest':
        setSlot(slot, nested(m.depth, current ?? 'leaf'));
        break;
      case 'duplicateItem':
        if (Array.isArray(slot.parent)) slot.parent.push(structuredClone(current));
        break;
    }
  }
  return root;
}

// ---- text -------------------------------------------------------------------------------------

export type TextDamage =
  | { op: 'duplicateLine'; at: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'deleteLine'; at: number }
  | { op: 'anchorAlias'; at: number }
  | { op: 'crlf' }
  | { op: 'bom' }
  | { op: 'tabIndent'; at: number }
  | { op: 'deepText'; at: number; depth: number };

const INSERTS = [':', '- ', '&a ', '*a', '*nope', '!!binary ', '!!set ', '!custom ', '\t', '{', '}', '[', '"', "'", '#', '|', '>', '%YAML 1.1\n', '---\n', '...\n', '<<: *a\n', '? ', '@', '`', '\u0000', '\uFEFF', '\u2028', 'é', '💥', '\\u0000'];

export const textDamage: fc.Arbitrary<TextDamage> = fc.oneof(
  fc.record({ op: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4 })) }),
  fc.record({ op: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('anchorAlias' as const), at: fc.nat() }),
  fc.constant({ op: 'crlf' as const }),
  fc.constant({ op: 'bom' as const }),
  fc.record({ op: fc.constant('tabIndent' as const), at: fc.nat() }),
  // Deeper than an object can be built and serialised here: written straight as text.
  fc.record({ op: fc.constant('deepText' as const), at: fc.nat(), depth: fc.constantFrom(99, 100, 101, 5000, 200_000) }),
);

export function damage(text: string, damages: readonly TextDamage[]): string {
  let t = text;
  for (const d of damages) {
    const lines = t.split('\n');
    switch (d.op) {
      case 'duplicateLine': {
        const i = d.at % lines.length;
        lines.splice(i, 0, lines[i]!);
        t = lines.join('\n');
        break;
      }
      case 'truncate':
        t = t.slice(0, d.at % (t.length + 1));
        break;
      case 'insert': {
        const at = d.at % (t.length + 1);
        t = t.slice(0, at) + d.text + t.slice(at);
        break;
      }
      case 'deleteLine':
        lines.splice(d.at % lines.length, 1);
        t = lines.join('\n');
        break;
      case 'anchorAlias': {
        // Name a mapping value with an anchor, then point a new key at it.
        const i = d.at % lines.length;
        const m = /^(\s*)([A-Za-z][\w.-]*):\s*$/.exec(lines[i]!);
        if (m) {
          lines[i] = `${m[1]}${m[2]}: &anchor${i}`;
          lines.push(`copy${i}: *anchor${i}`);
        } else lines.push(`alias${i}: *missing${i}`);
        t = lines.join('\n');
        break;
      }
      case 'crlf':
        t = t.replace(/\n/g, '\r\n');
        break;
      case 'bom':
        t = `\uFEFF${t}`;
        break;
      case 'tabIndent': {
        const i = d.at % lines.length;
        lines[i] = lines[i]!.replace(/^ +/, '\t');
        t = lines.join('\n');
        break;
      }
      case 'deepText': {
        const i = d.at % lines.length;
        const open = d.at % 2 ? '[' : '{a: ';
        const close = d.at % 2 ? ']' : '}';
        lines.splice(i, 0, `deep: ${open.repeat(d.depth)}${close.repeat(d.depth)}`);
        t = lines.join('\n');
        break;
      }
    }
  }
  return t;
}

/** Serialises as YAML (block or flow) or JSON, as people write manifests. */
export function serialise(objects: Obj[], style: 'yaml' | 'flow' | 'json'): string {
  if (style === 'json') return objects.map((o) => JSON.stringify(o, null, 2)).join('\n---\n');
  return objects.map((o) => YAML.stringify(o, { lineWidth: 0, ...(style === 'flow' ? { collectionStyle: 'flow' as const } : {}) })).join('---\n');
}

// ---- the whole case -----------------------------------------------------------------------------

export interface ManifestCase {
  bases: Array<{ fixture: number } | { schemaSeed: number }>;
  mutations: Mutation[];
  style: 'yaml' | 'flow' | 'json';
  damages: TextDamage[];
}

export const manifestCase: fc.Arbitrary<ManifestCase> = fc.record({
  bases: fc.array(fc.oneof(fc.record({ fixture: fc.nat() }), fc.record({ schemaSeed: fc.nat() })), { minLength: 1, maxLength: 3 }),
  mutations: fc.oneof({ weight: 1, arbitrary: fc.constant([] as Mutation[]) }, { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }) }),
  style: fc.constantFrom('yaml' as const, 'yaml' as const, 'flow' as const, 'json' as const),
  damages: fc.oneof({ weight: 2, arbitrary: fc.constant([] as TextDamage[]) }, { weight: 1, arbitrary: fc.array(textDamage, { minLength: 1, maxLength: 3 }) }),
});

/** The text of a case: its objects (the first one mutated), serialised, then damaged. */
export function caseText(c: ManifestCase, fixtures: Obj[]): string {
  const objects = c.bases.map((b) => ('fixture' in b ? structuredClone(fixtures[b.fixture % fixtures.length]!) : schemaObject(b.schemaSeed)));
  objects[0] = mutate(objects[0]!, c.mutations);
  return damage(serialise(objects, c.style), c.damages);
}
