// Proportional scaling (sync.go scale()): when the Deployment is resized while a rollout is in flight,
// the extra (or missing) replicas are spread over the active ReplicaSets in proportion to their size,
// so neither the new template nor the old one gains ground just because the user scaled.
import { bySizeNewer, bySizeOlder, type RsView } from './replicaSets.js';

export interface ProportionalStep {
  name: string;
  from: number;
  to: number;
  /** How this RS's share was computed, e.g. `round(8 × 18 / 13) − 8 = +3`. */
  share: string;
}

export interface ProportionalPlan {
  allowed: number;
  current: number;
  toAdd: number;
  /** Every active RS, in the order they were considered (the first takes any leftover). */
  steps: ProportionalStep[];
  reason: string;
}

/** Go's math.Round: halves away from zero. */
function round(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

const signed = (n: number) => (n >= 0 ? `+${n}` : `−${-n}`);

/**
 * `active` are the RSs with spec.replicas > 0; `statusReplicas` is the Deployment's status.replicas,
 * used for an RS without a max-replicas annotation.
 */
export function proportionalPlan(active: RsView[], replicas: number, surge: number, statusReplicas: number): ProportionalPlan {
  const current = active.reduce((n, rs) => n + rs.replicas, 0);
  const allowed = replicas > 0 ? replicas + surge : 0;
  const toAdd = allowed - current;
  const ordered = [...active];
  if (toAdd > 0) ordered.sort(bySizeNewer);
  else if (toAdd < 0) ordered.sort(bySizeOlder);

  let added = 0;
  const steps: ProportionalStep[] = [];
  for (const rs of ordered) {
    if (toAdd === 0) {
      steps.push({ name: rs.name, from: rs.replicas, to: rs.replicas, share: 'no change' });
      continue;
    }
    let share: string;
    let proportion: number;
    if (rs.replicas === 0 || toAdd === added) {
      proportion = 0;
      share = '+0';
    } else {
      let fraction: number;
      if (replicas === 0) {
        fraction = -rs.replicas;
        share = `scaled to 0`;
      } else {
        const target = replicas + surge;
        const annotated = rs.maxReplicas ?? statusReplicas;
        fraction = annotated > 0 ? round((rs.replicas * target) / annotated) - rs.replicas : 0;
        share = `round(${rs.replicas} × ${target} / ${annotated}) − ${rs.replicas} = ${signed(fraction)}`;
      }
      const left = toAdd - added;
      proportion = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
      if (proportion !== fraction) share += `, limited to ${signed(proportion)}`;
    }
    added += proportion;
    steps.push({ name: rs.name, from: rs.replicas, to: rs.replicas + proportion, share });
  }
  // Whatever rounding left over goes to the largest RS.
  if (steps.length && toAdd !== 0) {
    const leftover = toAdd - added;
    if (leftover !== 0) {
      const first = steps[0];
      first.to = Math.max(0, first.to + leftover);
      first.share += `; leftover ${signed(leftover)}`;
    }
  }
  const reason = `proportional scaling: ${replicas} desired + maxSurge ${surge} = ${allowed} allowed, ${current} exist → ${signed(toAdd)}`;
  return { allowed, current, toAdd, steps, reason };
}
