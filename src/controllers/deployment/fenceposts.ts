// A Deployment's settings with the apps/v1 defaults applied, and the rolling-update fenceposts: how
// many pods above the desired count may exist (maxSurge) and how many below it may be unavailable
// (maxUnavailable).
import type { Deployment } from '../../api/types.js';

export type IntOrString = number | string;

export interface DeploymentSettings {
  replicas: number;
  strategy: 'RollingUpdate' | 'Recreate';
  maxSurge: IntOrString;
  maxUnavailable: IntOrString;
  revisionHistoryLimit: number;
  /** Undefined when progress is not tracked. */
  progressDeadlineSeconds: number | undefined;
  minReadySeconds: number;
  paused: boolean;
}

const MAX_INT32 = 2147483647;

/** spec with the apps/v1 defaults: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600 s deadline. */
export function settingsOf(d: Deployment): DeploymentSettings {
  const spec = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const strategy = spec.strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate';
  const rolling = spec.strategy?.rollingUpdate;
  const deadline = spec.progressDeadlineSeconds ?? 600;
  return {
    replicas: spec.replicas ?? 1,
    strategy,
    maxSurge: rolling?.maxSurge ?? '25%',
    maxUnavailable: rolling?.maxUnavailable ?? '25%',
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    progressDeadlineSeconds: deadline === MAX_INT32 ? undefined : deadline,
    minReadySeconds: spec.minReadySeconds ?? 0,
    paused: spec.paused ?? false,
  };
}

/** GetScaledValueFromIntOrPercent: an int as is, `25%` of total rounded up or down. */
export function scaledValue(value: IntOrString, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const m = /^(-?\d+)%$/.exec(value);
  if (!m) {
    if (/^-?\d+$/.test(value)) return Number(value);
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  }
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 would deadlock, so unavailable becomes 1. */
export function resolveFenceposts(maxSurge: IntOrString, maxUnavailable: IntOrString, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(s: DeploymentSettings): number {
  if (s.strategy !== 'RollingUpdate') return 0;
  return resolveFenceposts(s.maxSurge, s.maxUnavailable, s.replicas).surge;
}

/** MaxUnavailable: 0 for Recreate or 0 replicas, never more than the replicas. */
export function maxUnavailable(s: DeploymentSettings): number {
  if (s.strategy !== 'RollingUpdate' || s.replicas === 0) return 0;
  return Math.min(resolveFenceposts(s.maxSurge, s.maxUnavailable, s.replicas).unavailable, s.replicas);
}
