// Any other kind, as kubectl's generic describer prints it: Name, Namespace, Labels, Annotations,
// then every other field, sorted, with labels made readable (`apiVersion` → `API Version`).
import type { KObject } from '../../api/object.js';
import type { Describer } from './context.js';
import { writeAnnotations, writeLabels } from './fields.js';
import { LEVEL_0, type PrefixWriter } from './prefixWriter.js';

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** `creationTimestamp` → `Creation Timestamp`; names with digits or symbols stay as they are. */
export function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  const parts = field.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|-+/g) ?? [field];
  return parts.map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1))).join(' ');
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function writeContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path) || value === undefined) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      writeContent(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) writeContent(w, level + 1, child, path);
        else w.write(level + 1, `${String(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabel(field)}:\t${String(value)}\n`);
    }
  }
}

export const describeGeneric: Describer = (w, obj: KObject) => {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  if (obj.metadata.namespace) w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  writeContent(w, LEVEL_0, obj as Record<string, unknown>, '');
};
