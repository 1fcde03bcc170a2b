// Small formatting pieces several printers share.
import type { Container, LabelSelector } from '../api/types.js';
import { formatAge } from '../api/duration.js';

export function containerNames(containers: Container[] | undefined): string {
  return (containers ?? []).map((c) => c.name).join(',');
}

export function containerImages(containers: Container[] | undefined): string {
  return (containers ?? []).map((c) => c.image ?? '').join(',');
}

/** `app=web,tier in (fe)`: how kubectl prints a LabelSelector. */
export function selectorText(selector: LabelSelector | Record<string, string> | undefined): string {
  if (!selector) return '<none>';
  const ls = selector as LabelSelector;
  const parts: string[] = [];
  const labels = 'matchLabels' in ls || 'matchExpressions' in ls ? (ls.matchLabels ?? {}) : (selector as Record<string, string>);
  for (const [k, v] of Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))) parts.push(`${k}=${v}`);
  for (const e of ls.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

export function labelsText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}

/** `RWO,RWX` */
export function accessModesText(modes: string[] | undefined): string {
  const short: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  return (modes ?? []).map((m) => short[m] ?? m).join(',');
}

/** kubectl's `3 (2m ago)` restarts cell. */
export function restartsText(restarts: number, lastRestart: number | undefined, now: number): string {
  return lastRestart !== undefined && restarts > 0 ? `${restarts} (${formatAge(now - lastRestart)} ago)` : String(restarts);
}

export function ageBetween(from: string | undefined, to: string | undefined): string {
  if (!from || !to) return '';
  return formatAge(Date.parse(to) - Date.parse(from));
}
