// The Job a CronJob creates for one scheduled time (getJobFromTemplate2): named
// `<cronjob>-<scheduledTime.Unix()/60>` — the name doubles as a lock against creating it twice —
// with the template's labels and annotations, the scheduled-timestamp annotation and a controller
// reference to the CronJob.
import type { CronJob, Job } from '../../api/types.js';
import { controllerRefTo } from '../replicaset/controllerRef.js';

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** getJobName: minutes since the epoch keep names short and unique per scheduled minute. */
export function jobNameFor(cj: CronJob, scheduledTime: number): string {
  return `${cj.metadata.name}-${Math.floor(Math.floor(scheduledTime / 1000) / 60)}`;
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** Go's time.RFC3339 for the instant as seen in `timeZone` (`Z` for a zero offset). */
export function rfc3339In(ms: number, timeZone: string): string {
  const seconds = Math.floor(ms / 1000) * 1000;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(seconds)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMin = Math.round((local - seconds) / 60000);
  const zone = offsetMin === 0 ? 'Z' : `${offsetMin < 0 ? '-' : '+'}${pad(Math.trunc(offsetMin / 60))}:${pad(offsetMin % 60)}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${zone}`;
}

/** Go's time.RFC1123Z in UTC: `Thu, 01 Jan 2026 12:05:00 +0000` (the MissSchedule message). */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export function jobFromTemplate(cj: CronJob, scheduledTime: number, timeZone: string): Job {
  const template = cj.spec?.jobTemplate ?? {};
  const job: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cj, scheduledTime),
      namespace: cj.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339In(scheduledTime, timeZone) },
      ownerReferences: [controllerRefTo(cj)],
    },
    spec: structuredClone(template.spec ?? { template: { spec: { containers: [] } } }) as Job['spec'],
  };
  if (!Object.keys(job.metadata.labels!).length) delete job.metadata.labels;
  return job;
}
