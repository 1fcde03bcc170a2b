// The two sections every description ends with: the object's Events, as `kubectl describe` prints
// them, and kubesim's own Decisions: what the control plane thought about the object and why.
import { formatAge } from '../../api/duration.js';
import type { KObject } from '../../api/object.js';
import type { Event } from '../../api/types.js';
import type { Decision } from '../../events/decisionLog.js';
import type { Store } from '../../store/store.js';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefixWriter.js';

/** Events about this object (kubectl's SearchEvents: by kind, name, namespace and uid), oldest first. */
export function eventsAbout(store: Store, obj: KObject): Event[] {
  const { name, namespace, uid } = obj.metadata;
  const events = store
    .list<Event>('Event', { namespace: namespace || 'default' })
    .filter((e) => {
      const io = e.involvedObject;
      return io.kind === obj.kind && io.name === name && (io.namespace ?? '') === (namespace ?? '') && (!io.uid || !uid || io.uid === uid);
    });
  return events.sort((a, b) => time(a.lastTimestamp ?? a.eventTime) - time(b.lastTimestamp ?? b.eventTime));
}

function time(stamp: string | undefined): number {
  const t = stamp ? Date.parse(stamp) : Number.NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** translateTimestampSince: `5m`, or `<unknown>` without a timestamp. */
function since(stamp: string | undefined, now: number): string {
  const t = stamp ? Date.parse(stamp) : Number.NaN;
  return Number.isNaN(t) ? '<unknown>' : formatAge(now - t);
}

/** `2m (x3 over 5m)` when an event was seen more than once. */
export function eventAge(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 1) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export function writeEvents(w: PrefixWriter, events: Event[], now: number): void {
  if (!events.length) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const from = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${eventAge(e, now)}\t${from}\t${(e.message ?? '').trim()}\n`);
  }
}

/** How many decisions the section shows: the latest ones. */
export const DESCRIBE_DECISIONS = 8;

interface NodeRowLike {
  node: string;
  filters: 'passed' | Record<string, string>;
  final?: number;
  chosen?: true;
}

/** The scheduler's per-node table, if this decision carries one. */
function schedulingRows(details: unknown): NodeRowLike[] | undefined {
  const rows = (details as { rows?: unknown } | undefined)?.rows;
  if (!Array.isArray(rows) || !rows.every((r) => typeof r?.node === 'string' && r.filters !== undefined)) return undefined;
  return rows as NodeRowLike[];
}

const MAX_NODE_ROWS = 10;

/** `node(s) had untolerated taint {a: b}` → `untolerated taint {a: b}`: the per-node form is shorter. */
function shortReason(reason: string): string {
  return reason.replace(/^node\(s\) had /, '').replace(/^node\(s\) /, '');
}

function verdict(r: NodeRowLike, short: boolean): string {
  if (r.filters === 'passed') return 'passed';
  const failed = Object.entries(r.filters).find(([, v]) => v !== 'passed');
  if (!failed) return 'passed';
  return `${failed[0]}: ${short ? shortReason(failed[1]) : failed[1]}`;
}

function scoreText(r: NodeRowLike): string {
  return r.final === undefined ? '' : `${r.final}${r.chosen ? ' (chosen)' : ''}`;
}

/** Breaks text at spaces into pieces of at most `room` characters (a longer word is cut). */
function wrapWords(text: string, room: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > room) {
    let cut = rest.lastIndexOf(' ', room);
    if (cut < room / 3) cut = room;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * `NODE  FILTERS  SCORE`: which filter turned each node down, and the scores of the feasible ones.
 * The FILTERS column is only as wide as the scored rows need: a rejected node has no score, so its
 * reason runs on. Aligned under the decision's reason when every row fits `width`; otherwise
 * indented less, and a reason still too long loses its `node(s) had` and wraps under its column.
 */
function nodeTable(rows: NodeRowLike[], omitted: number, reasonIndent: string, width: number): string[] {
  const shown = rows.slice(0, MAX_NODE_ROWS);
  const more = rows.length - shown.length + omitted;
  const table = [['NODE', 'FILTERS', 'SCORE'], ...shown.map((r) => [r.node, verdict(r, false), scoreText(r)])];
  const nodeWidth = Math.max(...table.map((row) => row[0].length));
  const filterWidth = Math.max(...table.filter((row) => row[2]).map((row) => row[1].length));
  const layout = (indent: string) => table.map(([node, filters, score]) => `${indent}${node.padEnd(nodeWidth)}  ${score ? `${filters.padEnd(filterWidth)}  ${score}` : filters}`.trimEnd());
  let indent = reasonIndent;
  let lines = layout(indent);
  if (lines.some((l) => l.length > width)) {
    indent = '    ';
    lines = layout(indent);
  }
  const at = indent.length + nodeWidth + 2;
  const out: string[] = [];
  lines.forEach((line, i) => {
    const row = shown[i - 1];
    if (line.length <= width || !row || row.final !== undefined) {
      out.push(line);
      return;
    }
    const [first, ...rest] = wrapWords(verdict(row, true), Math.max(20, width - at));
    out.push(line.slice(0, at) + first);
    for (const piece of rest) out.push(' '.repeat(at) + piece);
  });
  if (more > 0) out.push(`${indent}… ${more} more node(s)`);
  return out;
}

/**
 * The latest decisions about the object: age, component and action, the reason below, and for the
 * newest scheduling decision the per-node table, laid out for `width` columns. Lines are plain (no
 * tabs): they follow the tab-aligned part.
 */
export function decisionLines(decisions: readonly Decision[], now: number, limit = DESCRIBE_DECISIONS, width = Number.POSITIVE_INFINITY): string[] {
  if (!decisions.length) return ['Decisions:  <none>'];
  const latest = decisions.slice(-limit);
  const ages = latest.map((d) => formatAge(now - d.time));
  const ageWidth = Math.max(3, ...ages.map((a) => a.length));
  const componentWidth = Math.max(9, ...latest.map((d) => d.component.length));
  const indent = ' '.repeat(2 + ageWidth + 2 + componentWidth + 2);
  const out = [
    'Decisions:',
    `  ${'Age'.padEnd(ageWidth)}  ${'Component'.padEnd(componentWidth)}  Action / Reason`,
    `  ${'---'.padEnd(ageWidth)}  ${'---------'.padEnd(componentWidth)}  ---------------`,
  ];
  const tableAt = findLastIndex(latest, (d) => schedulingRows(d.details) !== undefined);
  latest.forEach((d, i) => {
    out.push(`  ${ages[i].padEnd(ageWidth)}  ${d.component.padEnd(componentWidth)}  ${d.action}`);
    if (d.reason) out.push(`${indent}${d.reason}`);
    if (i === tableAt) {
      const omitted = (d.details as { omitted?: { feasible?: number; rejected?: number } }).omitted;
      out.push(...nodeTable(schedulingRows(d.details)!, (omitted?.feasible ?? 0) + (omitted?.rejected ?? 0), indent, width));
    }
  });
  if (decisions.length > latest.length) out.push(`  (${decisions.length - latest.length} earlier decision(s) not shown)`);
  return out;
}

function findLastIndex<T>(list: readonly T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i;
  return -1;
}
