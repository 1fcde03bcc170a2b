// What a learner needs after the API server's own words: for an unknown field, the field it was
// probably meant to be (a typo, or a field that belongs one level up, like a container's `volumes`),
// else the fields that are allowed there; for Secret data that is not base64, where plain text goes.
import { describeField } from '../api/schema/schema.js';
import type { FieldProblem } from '../api/schema/decode.js';

const TOP_LEVEL = ['apiVersion', 'kind', 'metadata', 'status'];
const MAX_LISTED = 30;

/** The hint to append to a decode problem's message, or '' when there is nothing useful to add. */
export function unknownFieldHint(kind: string, problem: FieldProblem): string {
  if (problem.type !== 'FieldValueUnknown' || !problem.field) return '';
  const { parent, key } = splitPath(problem.field);
  const allowed = fieldNames(kind, parent);
  if (!allowed) return '';
  const at = (name: string) => (parent ? `${parent}.${name}` : name);

  const slack = key.length <= 4 ? 1 : 2;
  const close = allowed.filter((name) => editDistance(name.toLowerCase(), key.toLowerCase()) <= slack);
  if (close.length) return ` (did you mean "${at(close[0])}"?)`;

  // A field written one level too deep (or too shallow): `volumes` under a container, `replicas` under the template.
  for (let up = splitPath(parent); ; up = splitPath(up.parent)) {
    const names = fieldNames(kind, up.parent);
    if (names?.includes(key)) return ` (${key} is not a field here; it belongs at "${up.parent ? `${up.parent}.${key}` : key}")`;
    if (!up.parent) break;
  }
  const listed = allowed.length > MAX_LISTED ? `${allowed.slice(0, MAX_LISTED).join(', ')}, ...` : allowed.join(', ');
  return ` (the fields allowed ${parent ? `in ${parent}` : 'at the top level'} are: ${listed})`;
}

/** For a Secret whose data is not base64: the plain-text alternative. */
export function base64Hint(kind: string, message: string): string {
  if (kind !== 'Secret' || !/^data\[.*illegal base64 data/.test(message)) return '';
  return ' (values under data must be base64-encoded, e.g. `echo -n secret | base64`; put plain text under stringData instead)';
}

function fieldNames(kind: string, path: string): string[] | undefined {
  const described = describeField(kind, path);
  if (!described || !described.fields.length) return undefined;
  const names = described.fields.map((f) => f.name);
  return path ? names : [...new Set([...TOP_LEVEL, ...names])].filter((n) => n !== 'status');
}

/** `spec.containers[0].volumes` → parent `spec.containers[0]`, key `volumes`. */
function splitPath(path: string): { parent: string; key: string } {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? { parent: '', key: path } : { parent: path.slice(0, dot), key: path.slice(dot + 1) };
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
