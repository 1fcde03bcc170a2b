// Small wording helpers for the StatefulSet controller's decisions.
import type { Pod } from '../../api/types.js';

/** `1 pod`, `3 pods`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `web-0, web-1`. */
export function names(pods: readonly (Pod | string)[]): string {
  return pods.map((p) => (typeof p === 'string' ? p : p.metadata.name)).join(', ');
}
