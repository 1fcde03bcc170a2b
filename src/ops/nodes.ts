// cordon / uncordon / drain for the dashboard: src/sim/nodeOperations.ts does what kubectl does;
// here its output becomes one message (the flash line), and a refused drain an error.
import { cordon, drain, uncordon, type DrainOptions, type DrainResult } from '../sim/nodeOperations.js';
import type { Store } from '../store/store.js';

export { cordon, drain, uncordon };
export type { DrainOptions, DrainResult };

/** `node/node-2 cordoned` (or `already cordoned`). */
export function cordonNode(store: Store, name: string): string {
  return cordon(store, name).stdout.join('\n');
}

export function uncordonNode(store: Store, name: string): string {
  return uncordon(store, name).stdout.join('\n');
}

/** What the dashboard's drain does: kubectl drain --ignore-daemonsets --delete-emptydir-data. */
export const DASHBOARD_DRAIN: DrainOptions = { ignoreDaemonSets: true, deleteEmptyDirData: true };

export class DrainRefused extends Error {
  constructor(readonly result: DrainResult) {
    super(result.stderr.filter((l) => l.startsWith('error: ')).map((l) => l.slice('error: '.length)).join('; ') || result.stderr.join('; '));
    this.name = 'DrainRefused';
  }
}

/** Drains, then sums kubectl's many lines up: cordoned, N pods evicted (which), warnings, drained. */
export function drainNode(store: Store, name: string, options: DrainOptions = DASHBOARD_DRAIN): string {
  const result = drain(store, name, options);
  if (!result.ok) throw new DrainRefused(result);
  return summarizeDrain(name, result);
}

export function summarizeDrain(name: string, result: DrainResult): string {
  const parts: string[] = [];
  const cordoned = result.stdout.find((l) => l.startsWith(`node/${name} `) && l.includes('cordoned'));
  if (cordoned) parts.push(cordoned);
  const n = result.evicted.length;
  if (n) {
    const shown = result.evicted.slice(0, 3).join(', ');
    parts.push(`evicted ${n} pod${n === 1 ? '' : 's'} (${shown}${n > 3 ? `, +${n - 3} more` : ''})`);
  } else parts.push('no pods to evict');
  if (result.terminating.length) parts.push(`${result.terminating.length} still terminating`);
  for (const warning of result.stderr.filter((l) => l.startsWith('Warning: '))) parts.push(warning);
  parts.push(`node/${name} drained`);
  return parts.join('; ');
}
