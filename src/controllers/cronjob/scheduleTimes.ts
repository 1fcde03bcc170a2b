// Which scheduled time a CronJob should run now (utils.go mostRecentScheduleTime, nextScheduleTime,
// nextScheduleTimeDuration). Only the most recent missed time is ever run — missed runs are not
// back-filled — and more than 100 missed ones is reported as TooManyMissedTimes.
import type { CronJob } from '../../api/types.js';
import type { Schedule } from './schedule.js';

/** nextScheduleDelta: requeue 100 ms after the next scheduled time, to be sure it has passed. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export type Missed = 'none' | 'few' | 'many';

export interface MostRecent {
  /** The time counting starts from: lastScheduleTime, or the creation time, or the deadline bound. */
  earliest: number;
  /** The most recent scheduled time at or before now, if one was not yet run. */
  mostRecent?: number;
  missed: Missed;
  /** Roughly how many times were missed (the count upstream estimates). */
  missedCount: number;
  error?: string;
}

function time(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: Schedule, includeDeadline: boolean): MostRecent {
  let earliest = time(cj.status?.lastScheduleTime) ?? time(cj.metadata.creationTimestamp) ?? now;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeDeadline && deadline !== undefined && deadline !== null) {
    // The controller never schedules anything before now − startingDeadlineSeconds.
    const bound = now - deadline * 1000;
    if (bound > earliest) earliest = bound;
  }
  const t1 = schedule.next(earliest);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliest, missed: 'none', missedCount: 0 };
  if (now < t2) return { earliest, mostRecent: t1, missed: 'none', missedCount: 0 };
  // Upstream estimates the count from the gap between the first two times, then walks from just
  // before the estimated last one to find it exactly.
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', missedCount: 0, error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.trunc((now - t1) / 1000);
  const count = Math.trunc(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (count - 2) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: Missed = count > 100 ? 'many' : count > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed, missedCount: count };
}

/** nextScheduleTime: the time to run now (or undefined), and how many were missed. */
export function nextScheduleTime(cj: CronJob, now: number, schedule: Schedule): MostRecent {
  const r = mostRecentScheduleTime(cj, now, schedule, true);
  if (r.mostRecent === undefined || r.mostRecent > now) return { ...r, mostRecent: undefined };
  return r;
}

/** nextScheduleTimeDuration: how long until the sync after the next scheduled time. */
export function nextScheduleDelay(cj: CronJob, now: number, schedule: Schedule): { at: number; delayMs: number } {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  let from: number;
  if (r.error) from = now;
  else if (r.mostRecent === undefined) from = r.missed === 'none' ? r.earliest : now;
  else from = r.mostRecent;
  const at = schedule.next(from);
  return { at, delayMs: at + NEXT_SCHEDULE_DELTA_MS - now };
}
