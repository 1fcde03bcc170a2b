// A CronJob's schedule as the controller runs it (robfig/cron ParseStandard, via cron-parser): five
// fields or a descriptor (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly,
// @every <duration>), in spec.timeZone (or a TZ= / CRON_TZ= prefix of old objects), else UTC — the
// simulated kube-controller-manager's local zone. `next(t)` is the first activation strictly after t.
import { CronDate, CronExpressionParser, type CronExpression } from 'cron-parser';
import { tryParseDuration } from '../../api/duration.js';
import { scheduleError } from '../../api/validation/cronSchedule.js';

/** Go's zero time (0001-01-01T00:00:00Z): what robfig's Next returns when no time ever matches. */
export const ZERO_TIME = -62_135_596_800_000;

export interface Schedule {
  /** The first activation strictly after `t` (epoch ms); ZERO_TIME when there is none. */
  next(t: number): number;
  readonly timeZone: string;
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class ScheduleError extends Error {}

class CronSchedule implements Schedule {
  constructor(
    private readonly expression: CronExpression | undefined,
    readonly timeZone: string,
  ) {}

  next(t: number): number {
    if (!this.expression) return ZERO_TIME;
    // A plain Date would drop the zone; the CronDate keeps it.
    this.expression.reset(new CronDate(t, this.timeZone));
    try {
      return this.expression.next().getTime();
    } catch {
      return ZERO_TIME;
    }
  }
}

/** @every: ConstantDelaySchedule — whole seconds (at least one) after t, counted from t's second. */
class EverySchedule implements Schedule {
  constructor(
    private readonly delayMs: number,
    readonly timeZone: string,
  ) {}

  next(t: number): number {
    return Math.floor(t / 1000) * 1000 + this.delayMs;
  }
}

/**
 * Parses a schedule; `timeZone` is spec.timeZone. Throws ScheduleError with robfig's message for an
 * unparseable one. A schedule that parses but never fires (Feb 30) gets a next() of ZERO_TIME, which
 * the caller reports as an invalid schedule, as upstream does.
 */
export function parseSchedule(schedule: string, timeZone: string | undefined): Schedule {
  const problem = scheduleError(schedule);
  if (problem) throw new ScheduleError(problem);
  let spec = schedule.trim();
  let zone = timeZone || 'UTC';
  const prefix = /^(?:CRON_TZ|TZ)=(\S+)\s*/.exec(spec);
  if (prefix) {
    zone = prefix[1];
    spec = spec.slice(prefix[0].length);
  }
  if (spec.startsWith('@every ')) {
    const ms = tryParseDuration(spec.slice('@every '.length)) ?? 1000;
    return new EverySchedule(Math.max(1000, Math.round(ms / 1000) * 1000), zone);
  }
  const fields = DESCRIPTORS[spec] ?? spec;
  let expression: CronExpression | undefined;
  try {
    expression = CronExpressionParser.parse(fields, { tz: zone, currentDate: 0 });
  } catch {
    // robfig accepted it (scheduleError passed) but no date ever matches it (Feb 30).
    expression = undefined;
  }
  return new CronSchedule(expression, zone);
}
