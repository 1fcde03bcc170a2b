// Pieces several describers share, in kubectl's exact layout: timestamps, labels, annotations,
// tolerations, taints, resource lists and probes.
import type { Taint, Toleration } from '../../api/types.js';
import { LEVEL_0, type PrefixWriter } from './prefixWriter.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:05 +0000`. */
export function rfc1123z(time: string | number | undefined): string {
  const ms = typeof time === 'number' ? time : time ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(ms)) return '<unknown>';
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** Go's %v of a bool pointer kubectl prints for Optional: `<nil>` when unset. */
export function optionalText(value: boolean | undefined): string {
  return value === undefined ? '<nil>' : String(value);
}

/** `True` / `False`, kubectl's printBool. */
export function printBool(value: boolean | undefined): string {
  return value ? 'True' : 'False';
}

/** A multi-line `key=value` list under a title (printLabelsMultilineWithIndent). */
export function writeLabels(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return w.line('<none>');
  keys.forEach((key, i) => {
    if (i) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** `key: value` annotations; long or multi-line values go below their key, shortened (printAnnotationsMultiline). */
export function writeAnnotations(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort();
  if (!keys.length) return w.line('<none>');
  keys.forEach((key, i) => {
    if (i) w.write(LEVEL_0, '\t');
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`, one per line, by key. */
export function writeTolerations(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (!list.length) return w.line('<none>');
  list.forEach((t, i) => {
    if (i) w.write(LEVEL_0, `${initialIndent}\t`);
    let text = t.key ?? '';
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${text}\n`);
  });
}

/** `key=value:effect`, the Taint's String(). */
export function taintText(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** Taints one per line, by effect then key. */
export function writeTaints(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const key = (t: Taint) => `${t.effect},${t.key}`;
  const list = [...(taints ?? [])].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  if (!list.length) return w.line('<none>');
  list.forEach((t, i) => {
    if (i) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintText(t)}\n`);
  });
}

/** Names in kubectl's order (SortedResourceNames: alphabetical). */
export function sortedResourceNames(list: Record<string, unknown> | undefined): string[] {
  return Object.keys(list ?? {}).sort();
}

/** `Limits:` then `Requests:`, each resource on its own line (describeResources). */
export function writeResources(w: PrefixWriter, resources: { limits?: Record<string, unknown>; requests?: Record<string, unknown> } | undefined, level: number): void {
  if (!resources) return;
  for (const [title, list] of [['Limits', resources.limits], ['Requests', resources.requests]] as const) {
    const names = sortedResourceNames(list);
    if (!names.length) continue;
    w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${String(list![name])}\n`);
  }
}

/** Pod names one per line (printPodsMultiline), `<none>` when there are none. */
export function writeNames(w: PrefixWriter, title: string, names: string[]): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!names.length) return w.line('<none>');
  [...names].sort().forEach((name, i) => {
    if (i) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${name}\n`);
  });
}
