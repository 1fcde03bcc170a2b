// syncCronJob and cleanupFinishedJobs (cronjob_controllerv2.go), in upstream's order: trim the
// finished-job history, reconcile status.active with the Jobs that exist, then — unless suspended or
// broken — find the most recent unmet scheduled time and start its Job, honouring
// startingDeadlineSeconds and the concurrency policy.
import { isApiError } from '../../api/errors.js';
import { controllerOf } from '../../api/object.js';
import type { CronJob, Job } from '../../api/types.js';
import { goQuote } from '../../api/validation/goFormat.js';
import { isTimeZone } from '../../api/validation/cronSchedule.js';
import type { Store } from '../../store/store.js';
import { finishedCondition, isJobSucceeded } from '../job/conditions.js';
import { clockTime } from '../nodeTaints.js';
import { jobFromTemplate, jobNameFor, rfc1123z } from './jobFromTemplate.js';
import { parseSchedule, ScheduleError, type Schedule } from './schedule.js';
import { nextScheduleDelay, nextScheduleTime } from './scheduleTimes.js';

export interface Line {
  action: string;
  reason: string;
  details?: unknown;
  /** A refusal or standing note, recorded only when it changes. */
  wait?: boolean;
}

export interface CronEnv {
  store: Store;
  now: number;
  iso(ms: number): string;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export interface CronSyncResult {
  update: boolean;
  /** When to sync again (the next scheduled time + 100 ms), if at all. */
  requeue?: { at: number; delayMs: number };
  lines: Line[];
  error?: string;
}

type ActiveRef = NonNullable<NonNullable<CronJob['status']>['active']>[number];

function time(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

function activeOf(cj: CronJob): ActiveRef[] {
  return cj.status?.active ?? [];
}

function setActive(cj: CronJob, active: ActiveRef[]): void {
  cj.status ??= {};
  if (active.length) cj.status.active = active;
  else delete cj.status.active;
}

/** deleteJob: background deletion of the Job, and its reference out of status.active. */
function deleteJob(env: CronEnv, cj: CronJob, job: Job): boolean {
  try {
    env.store.delete('Job', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Background' });
  } catch (e) {
    if (!isApiError(e)) throw e;
    env.event('Warning', 'FailedDelete', `Deleted job: ${e.message}`);
    return false;
  }
  setActive(cj, activeOf(cj).filter((r) => r.uid !== job.metadata.uid));
  env.event('Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
  return true;
}

/** byJobStartTime: started before not started, earlier first, then by name. */
function byStartTime(a: Job, b: Job): number {
  const sa = time(a.status?.startTime);
  const sb = time(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa !== sb) return (sa ?? 0) - (sb ?? 0);
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** cleanupFinishedJobs: keeps successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs. */
export function cleanupFinishedJobs(env: CronEnv, cj: CronJob, jobs: readonly Job[], lines: Line[]): boolean {
  const spec = cj.spec;
  const limits: Array<['Complete' | 'Failed', number | undefined, string]> = [
    ['Complete', spec?.successfulJobsHistoryLimit ?? undefined, 'successfulJobsHistoryLimit'],
    ['Failed', spec?.failedJobsHistoryLimit ?? undefined, 'failedJobsHistoryLimit'],
  ];
  let update = false;
  for (const [type, limit, field] of limits) {
    if (limit === undefined) continue;
    const finished = jobs.filter((j) => finishedCondition(j)?.type === type).sort(byStartTime);
    const excess = finished.length - limit;
    if (excess <= 0) continue;
    const deleted: string[] = [];
    for (const job of finished.slice(0, excess)) {
      if (deleteJob(env, cj, job)) {
        update = true;
        deleted.push(job.metadata.name!);
      }
    }
    if (deleted.length) {
      lines.push({
        action: `delete ${deleted.length === 1 ? `job ${deleted[0]}` : `${deleted.length} jobs: ${deleted.join(', ')}`}`,
        reason: `${finished.length} ${type} jobs > ${field} ${limit}: the oldest go`,
      });
    }
  }
  return update;
}

export function syncCronJob(env: CronEnv, cj: CronJob, jobs: readonly Job[], lines: Line[]): CronSyncResult {
  const out: CronSyncResult = { update: false, lines };
  const now = env.now;
  const children = new Set<string>();
  for (const job of jobs) {
    const uid = job.metadata.uid ?? '';
    children.add(uid);
    const found = activeOf(cj).some((r) => r.uid === uid);
    const done = finishedCondition(job);
    if (!found && !done) {
      env.event('Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`);
    } else if (done) {
      if (found) {
        setActive(cj, activeOf(cj).filter((r) => r.uid !== uid));
        env.event('Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, status: ${done.type}`);
        lines.push({ action: `job ${job.metadata.name} finished (${done.type})`, reason: 'removed from status.active' });
        out.update = true;
      }
      if (isJobSucceeded(job)) {
        const completed = time(job.status?.completionTime);
        const last = time(cj.status?.lastSuccessfulTime);
        if (completed !== undefined && (last === undefined || completed > last)) {
          cj.status ??= {};
          cj.status.lastSuccessfulTime = job.status!.completionTime;
          out.update = true;
        }
      }
    }
  }
  // Active references whose Job is gone for good.
  for (const ref of activeOf(cj)) {
    if (children.has(ref.uid ?? '')) continue;
    if (env.store.get('Job', ref.namespace, ref.name ?? '')) continue;
    env.event('Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
    setActive(cj, activeOf(cj).filter((r) => r.uid !== ref.uid));
    out.update = true;
  }

  if (cj.metadata.deletionTimestamp) return out;
  const spec = cj.spec!;
  const timeZone = spec.timeZone ?? undefined;
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    env.event('Warning', 'UnknownTimeZone', `invalid timeZone: ${goQuote(timeZone)}: unknown time zone ${timeZone}`);
    lines.push({ wait: true, action: 'not scheduling: invalid timeZone', reason: `${timeZone} is not an IANA time zone` });
    return out;
  }
  if (spec.suspend) {
    lines.push({ wait: true, action: 'suspended: not starting jobs', reason: 'spec.suspend is true; missed times are not made up on resume beyond the most recent one' });
    return out;
  }
  if (spec.schedule.includes('TZ')) {
    env.event('Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${goQuote(spec.schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
  }
  let schedule: Schedule;
  try {
    schedule = parseSchedule(spec.schedule, timeZone);
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    env.event('Warning', 'UnparseableSchedule', `unparseable schedule: ${goQuote(spec.schedule)} : ${e.message}`);
    lines.push({ wait: true, action: 'not scheduling: unparseable schedule', reason: e.message });
    return out;
  }
  const described = `schedule ${spec.schedule}${timeZone ? `, ${timeZone}` : ''}`;
  const due = nextScheduleTime(cj, now, schedule);
  if (due.error) {
    env.event('Warning', 'InvalidSchedule', `invalid schedule: ${spec.schedule} : ${due.error}`);
    lines.push({ wait: true, action: 'not scheduling: invalid schedule', reason: due.error });
    return out;
  }
  const requeue = () => {
    out.requeue = nextScheduleDelay(cj, now, schedule);
    return out;
  };
  if (due.mostRecent === undefined) return requeue();
  const scheduled = due.mostRecent;
  const at = clockTime(env.iso(scheduled));
  if (due.missed === 'many') {
    env.event('Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    lines.push({ action: 'too many missed start times (> 100)', reason: `about ${due.missedCount} scheduled times passed since ${clockTime(env.iso(due.earliest))}; only the most recent, ${at}, is considered` });
  }
  const deadline = spec.startingDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
    env.event('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    lines.push({ action: `missed scheduled time ${at}`, reason: `startingDeadlineSeconds ${deadline}: ${at} + ${deadline}s is before now (${clockTime(env.iso(now))})` });
    return requeue();
  }
  const name = jobNameFor(cj, scheduled);
  if (activeOf(cj).some((r) => r.name === name && r.namespace === cj.metadata.namespace) || time(cj.status?.lastScheduleTime) === scheduled) return requeue();

  const policy = spec.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && activeOf(cj).length) {
    env.event('Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    lines.push({
      wait: true,
      action: 'not starting job: prior execution is running and concurrency policy is Forbid',
      reason: `scheduled time ${at} (${described}); still active: ${activeOf(cj).map((r) => r.name).join(', ')}`,
    });
    return requeue();
  }
  if (policy === 'Replace') {
    for (const ref of activeOf(cj)) {
      const job = env.store.get<Job>('Job', ref.namespace, ref.name ?? '');
      if (!job) {
        env.event('Warning', 'FailedGet', `Get job: jobs.batch "${ref.name}" not found`);
        out.error = `jobs.batch "${ref.name}" not found`;
        return out;
      }
      if (!deleteJob(env, cj, job)) {
        out.error = `could not replace job ${job.metadata.namespace}/${job.metadata.name}`;
        return out;
      }
      lines.push({ action: `replace job ${job.metadata.name}`, reason: `concurrencyPolicy Replace: the job still running at ${at} is deleted before the new one starts` });
      out.update = true;
    }
  }

  let created: Job;
  let existed = false;
  try {
    created = env.store.create(jobFromTemplate(cj, scheduled, schedule.timeZone));
  } catch (e) {
    if (!isApiError(e)) throw e;
    if (e.reason !== 'AlreadyExists') {
      if (!e.causes.some((c) => c.type === 'NamespaceTerminating')) env.event('Warning', 'FailedCreate', `Error creating job: ${e.message}`);
      out.error = e.message;
      return out;
    }
    // The name is a lock: the Job for this time exists already.
    const job = env.store.get<Job>('Job', cj.metadata.namespace, name);
    if (!job || controllerOf(job)?.uid !== cj.metadata.uid || activeOf(cj).some((r) => r.uid === job.metadata.uid)) return out;
    created = job;
    existed = true;
  }
  if (!existed) env.event('Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
  setActive(cj, [
    ...activeOf(cj),
    { kind: 'Job', namespace: created.metadata.namespace, name: created.metadata.name, uid: created.metadata.uid, apiVersion: 'batch/v1', resourceVersion: created.metadata.resourceVersion },
  ]);
  cj.status!.lastScheduleTime = env.iso(scheduled);
  out.update = true;
  const missedNote = due.missed === 'few' && due.missedCount > 1 ? `; ${due.missedCount - 1} earlier missed time${due.missedCount === 2 ? ' was' : 's were'} skipped (missed runs are not back-filled)` : '';
  lines.push({
    action: `${existed ? 'adopt existing' : 'create'} job ${created.metadata.name}`,
    reason: `scheduled time ${at} (${described}) is due; concurrencyPolicy ${policy}${missedNote}`,
    details: { scheduledTime: env.iso(scheduled), job: created.metadata.name },
  });
  return requeue();
}
