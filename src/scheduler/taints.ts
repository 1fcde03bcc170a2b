// Taints and tolerations: v1helper.ToleratesTaint and FindMatchingUntoleratedTaint, plus the
// `{key: value}` text kube-scheduler prints for an untolerated taint.
import type { core } from '../api/types.js';

export type Taint = core.Taint;
export type Toleration = core.Toleration;

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function toleratesAny(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint passing `relevant` that no toleration covers. */
export function firstUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  relevant: (taint: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints) {
    if (!relevant(taint)) continue;
    if (!toleratesAny(tolerations, taint)) return taint;
  }
  return undefined;
}

/** `{node-role.kubernetes.io/control-plane: }`: Go's `{%s: %s}` with an empty value left empty. */
export function taintText(taint: Taint): string {
  return `{${taint.key}: ${taint.value ?? ''}}`;
}
