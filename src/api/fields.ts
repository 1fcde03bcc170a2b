// Field selectors (`--field-selector spec.nodeName=node-1,status.phase!=Running`) as the API server
// takes them: the grammar and escaping of apimachinery's fields package, the per-kind list of
// selectable fields, and the error messages for fields a kind does not support.
import type { KObject } from './object.js';

export type FieldOperator = '=' | '!=';

export interface FieldRequirement {
  readonly field: string;
  /** `==` is read as `=`, as Kubernetes does. */
  readonly operator: FieldOperator;
  readonly value: string;
}

export interface FieldSelector {
  /** ANDed together, sorted by their text. A store can use `=` on an indexed field as a lookup hint. */
  readonly requirements: readonly FieldRequirement[];
  readonly matches: (obj: KObject) => boolean;
}

export class FieldSelectorError extends Error {
  constructor(
    message: string,
    /** The unsupported field, when that is the problem. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FieldSelectorError';
  }
}

type Getter = (obj: KObject) => string;

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * How each selectable field reads an object, as the registries' ToSelectableFields do: missing strings
 * are '', missing booleans 'false', missing counts '0'.
 */
const GETTERS: Record<string, Getter> = {
  'metadata.name': (o) => text(o.metadata.name),
  'metadata.namespace': (o) => text(o.metadata.namespace),
  // Pod
  'spec.nodeName': (o) => text(o.spec?.nodeName),
  'spec.restartPolicy': (o) => text(o.spec?.restartPolicy),
  'spec.schedulerName': (o) => text(o.spec?.schedulerName),
  'spec.serviceAccountName': (o) => text(o.spec?.serviceAccountName),
  'spec.hostNetwork': (o) => String(o.spec?.hostNetwork === true),
  'status.phase': (o) => text(o.status?.phase),
  'status.podIP': (o) => text(o.status?.podIPs?.[0]?.ip ?? o.status?.podIP),
  'status.nominatedNodeName': (o) => text(o.status?.nominatedNodeName),
  // Node
  'spec.unschedulable': (o) => String(o.spec?.unschedulable === true),
  // ReplicationController
  'status.replicas': (o) => String(o.status?.replicas ?? 0),
  // Job
  'status.successful': (o) => String(o.status?.succeeded ?? 0),
  // Service
  'spec.clusterIP': (o) => text(o.spec?.clusterIP),
  'spec.type': (o) => text(o.spec?.type),
  // Secret and Event
  type: (o) => text(o.type),
  // Event
  'involvedObject.kind': (o) => text(o.involvedObject?.kind),
  'involvedObject.namespace': (o) => text(o.involvedObject?.namespace),
  'involvedObject.name': (o) => text(o.involvedObject?.name),
  'involvedObject.uid': (o) => text(o.involvedObject?.uid),
  'involvedObject.apiVersion': (o) => text(o.involvedObject?.apiVersion),
  'involvedObject.resourceVersion': (o) => text(o.involvedObject?.resourceVersion),
  'involvedObject.fieldPath': (o) => text(o.involvedObject?.fieldPath),
  reason: (o) => text(o.reason),
  reportingComponent: (o) => text(o.reportingComponent),
  // Older events only name their source component.
  source: (o) => text(o.source?.component || o.reportingComponent),
};

interface KindFields {
  fields: readonly string[];
  unsupported: (field: string) => string;
}

const fieldLabelNotSupported = (field: string) => `field label not supported: ${field}`;

/** Kinds with their own field-label conversion in the API server; all others allow only name and namespace. */
const KIND_FIELDS: Record<string, KindFields> = {
  Pod: {
    fields: [
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.nominatedNodeName',
    ],
    unsupported: fieldLabelNotSupported,
  },
  Node: { fields: ['metadata.name', 'spec.unschedulable'], unsupported: fieldLabelNotSupported },
  Namespace: { fields: ['metadata.name', 'status.phase'], unsupported: fieldLabelNotSupported },
  ReplicationController: {
    fields: ['metadata.name', 'metadata.namespace', 'status.replicas'],
    unsupported: fieldLabelNotSupported,
  },
  Secret: { fields: ['metadata.name', 'metadata.namespace', 'type'], unsupported: fieldLabelNotSupported },
  Service: {
    fields: ['metadata.name', 'metadata.namespace', 'spec.clusterIP', 'spec.type'],
    unsupported: fieldLabelNotSupported,
  },
  Event: {
    fields: [
      'metadata.name',
      'metadata.namespace',
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
    unsupported: fieldLabelNotSupported,
  },
  Job: {
    fields: ['metadata.name', 'metadata.namespace', 'status.successful'],
    unsupported: (field) => `field label ${JSON.stringify(field)} not supported for Job`,
  },
};

const DEFAULT_FIELDS: KindFields = {
  fields: ['metadata.name', 'metadata.namespace'],
  unsupported: (field) => `${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

/** Without a kind, any field some kind supports is accepted. */
const ANY_KIND: KindFields = { fields: Object.keys(GETTERS), unsupported: fieldLabelNotSupported };

/** The fields `--field-selector` accepts for a kind (every known field when no kind is given). */
export function selectableFields(kind?: string): readonly string[] {
  return fieldsOf(kind).fields;
}

function fieldsOf(kind: string | undefined): KindFields {
  if (kind === undefined) return ANY_KIND;
  return Object.hasOwn(KIND_FIELDS, kind) ? KIND_FIELDS[kind] : DEFAULT_FIELDS;
}

/** The value a field selector compares for `obj`, or undefined for a field nothing can select on. */
export function fieldValue(obj: KObject, field: string): string | undefined {
  return Object.hasOwn(GETTERS, field) ? GETTERS[field](obj) : undefined;
}

/** Splits on commas that are not escaped with a backslash. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** The first operator in the term splits it; the field itself cannot be escaped. */
function splitTerm(term: string): [string, '!=' | '==' | '=', string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** Values may contain `\\`, `\,` and `\=`; anything else after a backslash, or a bare `,`/`=`, is an error. */
function unescapeValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const next = value[i + 1];
      if (next === undefined) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
      if (next !== '\\' && next !== ',' && next !== '=') {
        throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${next}`);
      }
      out += next;
      i++;
    } else if (c === ',' || c === '=') {
      throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c}`);
    } else {
      out += c;
    }
  }
  return out;
}

function escapeValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * Parses a field selector for objects of `kind`: `metadata.name=web`, `spec.nodeName==node-1`,
 * `status.phase!=Running`, comma-separated. Unknown fields fail with the API server's message for
 * that kind. An empty string selects everything.
 */
export function parseFieldSelector(selector: string, kind?: string): FieldSelector {
  const terms = splitTerms(selector)
    .filter((t) => t !== '')
    .sort();
  const parsed: FieldRequirement[] = [];
  for (const term of terms) {
    const split = splitTerm(term);
    if (!split) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [field, op, rawValue] = split;
    parsed.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(rawValue) });
  }

  const supported = fieldsOf(kind);
  const requirements = parsed.map((r): FieldRequirement => {
    // Old clients still send `spec.host`; the API server reads it as spec.nodeName.
    const field = r.field === 'spec.host' && (kind === undefined || kind === 'Pod') ? 'spec.nodeName' : r.field;
    if (!supported.fields.includes(field)) throw new FieldSelectorError(supported.unsupported(field), field);
    return Object.freeze({ ...r, field });
  });
  return Object.freeze({ requirements: Object.freeze(requirements), matches: compile(requirements) });
}

function compile(requirements: readonly FieldRequirement[]): (obj: KObject) => boolean {
  const tests = requirements.map(({ field, operator, value }) => {
    const get = GETTERS[field];
    return operator === '=' ? (o: KObject) => get(o) === value : (o: KObject) => get(o) !== value;
  });
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  return (obj) => {
    for (const test of tests) if (!test(obj)) return false;
    return true;
  };
}

/** The canonical text: sorted terms, `==` written as `=`, special characters escaped. */
export function fieldSelectorToString(selector: FieldSelector): string {
  return selector.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
}

export function isEmptyFieldSelector(selector: FieldSelector): boolean {
  return selector.requirements.length === 0;
}

/** The value a selector pins `field` to with `=`, if it does: how a store picks an index. */
export function requiredFieldValue(selector: FieldSelector, field: string): string | undefined {
  return selector.requirements.find((r) => r.field === field && r.operator === '=')?.value;
}
