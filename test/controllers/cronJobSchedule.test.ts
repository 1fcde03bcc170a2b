import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CronJob } from '../../src/api/types.js';
import { CronJobController } from '../../src/controllers/cronJobController.js';
import { jobNameFor, rfc1123z, rfc3339In } from '../../src/controllers/cronjob/jobFromTemplate.js';
import { parseSchedule, ScheduleError, ZERO_TIME } from '../../src/controllers/cronjob/schedule.js';
import { mostRecentScheduleTime, nextScheduleDelay } from '../../src/controllers/cronjob/scheduleTimes.js';
import { Harness } from './harness.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function cj(schedule: string, created: string, extra: Record<string, unknown> = {}, status: Record<string, unknown> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default', creationTimestamp: created },
    spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...extra },
    status,
  } as CronJob;
}

test('next() is the first activation strictly after t', () => {
  const s = parseSchedule('*/5 * * * *', undefined);
  assert.equal(iso(s.next(at('2026-01-01T12:03:30Z'))), '2026-01-01T12:05:00.000Z');
  assert.equal(iso(s.next(at('2026-01-01T12:05:00Z'))), '2026-01-01T12:10:00.000Z');
});

test('macros, names and ? are the standard ones', () => {
  const t = at('2026-01-01T12:03:30Z'); // a Thursday
  assert.equal(iso(parseSchedule('@hourly', undefined).next(t)), '2026-01-01T13:00:00.000Z');
  assert.equal(iso(parseSchedule('@daily', undefined).next(t)), '2026-01-02T00:00:00.000Z');
  assert.equal(iso(parseSchedule('@midnight', undefined).next(t)), '2026-01-02T00:00:00.000Z');
  assert.equal(iso(parseSchedule('@weekly', undefined).next(t)), '2026-01-04T00:00:00.000Z');
  assert.equal(iso(parseSchedule('@monthly', undefined).next(t)), '2026-02-01T00:00:00.000Z');
  assert.equal(iso(parseSchedule('@yearly', undefined).next(t)), '2027-01-01T00:00:00.000Z');
  assert.equal(iso(parseSchedule('@annually', undefined).next(t)), '2027-01-01T00:00:00.000Z');
  assert.equal(iso(parseSchedule('30 8 ? JAN MON-FRI', undefined).next(t)), '2026-01-02T08:30:00.000Z');
  assert.equal(iso(parseSchedule('@every 90s', undefined).next(t)), '2026-01-01T12:05:00.000Z');
});

test('a time zone moves the activations', () => {
  const s = parseSchedule('0 9 * * *', 'Asia/Tokyo');
  assert.equal(iso(s.next(at('2025-12-31T23:00:00Z'))), '2026-01-01T00:00:00.000Z');
  assert.equal(iso(s.next(at('2026-01-01T01:00:00Z'))), '2026-01-02T00:00:00.000Z');
  assert.equal(rfc3339In(at('2026-01-02T00:00:00Z'), 'Asia/Tokyo'), '2026-01-02T09:00:00+09:00');
});

test('an unparseable schedule throws with robfig/cron’s message', () => {
  assert.throws(() => parseSchedule('*/5 * * *', undefined), (e) => e instanceof ScheduleError && /expected exactly 5 fields, found 4/.test(e.message));
  assert.throws(() => parseSchedule('61 * * * *', undefined), ScheduleError);
});

test('a schedule that never fires is an invalid schedule', () => {
  const s = parseSchedule('0 0 30 2 *', undefined);
  assert.equal(s.next(at('2026-01-01T00:00:00Z')), ZERO_TIME);
  const r = mostRecentScheduleTime(cj('0 0 30 2 *', '2026-01-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), s, true);
  assert.equal(r.error, 'time difference between two schedules is less than 1 second');
});

test('mostRecentScheduleTime: none due, one due, several missed (only the latest), many missed', () => {
  const s = parseSchedule('*/5 * * * *', undefined);
  const c = cj('*/5 * * * *', '2026-01-01T12:00:00Z');
  assert.equal(mostRecentScheduleTime(c, at('2026-01-01T12:04:00Z'), s, true).mostRecent, undefined);
  const one = mostRecentScheduleTime(c, at('2026-01-01T12:06:00Z'), s, true);
  assert.equal(iso(one.mostRecent!), '2026-01-01T12:05:00.000Z');
  assert.equal(one.missed, 'none');
  const few = mostRecentScheduleTime(c, at('2026-01-01T12:31:00Z'), s, true);
  assert.equal(iso(few.mostRecent!), '2026-01-01T12:30:00.000Z');
  assert.equal(few.missed, 'few');
  assert.equal(few.missedCount, 6);
  const many = mostRecentScheduleTime(c, at('2026-01-02T12:31:00Z'), s, true);
  assert.equal(many.missed, 'many');
  assert.equal(iso(many.mostRecent!), '2026-01-02T12:30:00.000Z');
  // The last run counts from lastScheduleTime, and the deadline bounds the search.
  const ran = cj('*/5 * * * *', '2026-01-01T12:00:00Z', {}, { lastScheduleTime: '2026-01-01T12:30:00Z' });
  assert.equal(mostRecentScheduleTime(ran, at('2026-01-01T12:31:00Z'), s, true).mostRecent, undefined);
  const bounded = cj('*/5 * * * *', '2026-01-01T12:00:00Z', { startingDeadlineSeconds: 30 });
  assert.equal(mostRecentScheduleTime(bounded, at('2026-01-01T12:31:00Z'), s, true).mostRecent, undefined);
});

test('requeue at the next scheduled time plus 100 ms', () => {
  const s = parseSchedule('*/5 * * * *', undefined);
  const ran = cj('*/5 * * * *', '2026-01-01T12:00:00Z', {}, { lastScheduleTime: '2026-01-01T12:05:00Z' });
  const next = nextScheduleDelay(ran, at('2026-01-01T12:05:00.100Z'), s);
  assert.equal(iso(next.at), '2026-01-01T12:10:00.000Z');
  assert.equal(next.delayMs, 5 * 60_000);
});

test('job names and time formats', () => {
  assert.equal(jobNameFor(cj('* * * * *', '2026-01-01T00:00:00Z'), at('2026-01-01T00:05:00Z')), `hello-${Date.UTC(2026, 0, 1, 0, 5) / 60_000}`);
  assert.equal(rfc3339In(at('2026-07-01T13:00:00Z'), 'America/New_York'), '2026-07-01T09:00:00-04:00');
  assert.equal(rfc3339In(at('2026-07-01T13:00:00Z'), 'UTC'), '2026-07-01T13:00:00Z');
  assert.equal(rfc1123z(at('2026-01-01T12:05:00Z')), 'Thu, 01 Jan 2026 12:05:00 +0000');
});

test('the controller reports a schedule that never fires as InvalidSchedule', () => {
  const h = new Harness({ controllers: [CronJobController], pods: false });
  h.store.create({ ...cj('0 0 30 2 *', ''), metadata: { name: 'feb30', namespace: 'default' }, status: undefined } as CronJob);
  h.settle();
  assert.deepEqual(h.eventsFor('CronJob', 'feb30'), ['InvalidSchedule: invalid schedule: 0 0 30 2 * : time difference between two schedules is less than 1 second']);
});
