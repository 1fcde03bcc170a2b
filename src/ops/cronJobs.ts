// CronJob commands: trigger one run now (kubectl create job NAME --from=cronjob/CJ) and suspend or
// resume the schedule (k9s's `s` on a cronjob; kubectl patch ... spec.suspend).
import { ApiError } from '../api/errors.js';
import type { CronJob, Job } from '../api/types.js';
import type { Store } from '../store/store.js';
import { kubectlRef } from './names.js';

/** kubectl create job --from=cronjob marks the Job it makes with this annotation. */
export const INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';
const MAX_NAME = 63;

function mustCronJob(store: Store, namespace: string, name: string): CronJob {
  const cj = store.get<CronJob>('CronJob', namespace, name);
  if (!cj) throw new ApiError('NotFound', `cronjobs.batch "${name}" not found`, [], { kind: 'cronjobs.batch', name });
  return cj;
}

/**
 * A Job from the CronJob's jobTemplate, owned by the CronJob, named `<cronjob>-manual-<suffix>`
 * unless a name is given. Returns `job.batch/NAME created`.
 */
export function triggerCronJob(store: Store, namespace: string, name: string, jobName?: string): string {
  const cj = mustCronJob(store, namespace, name);
  const suffix = `-manual-${store.random.nameSuffix(3)}`;
  const finalName = jobName ?? `${name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
  const template = cj.spec?.jobTemplate;
  const job: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: finalName,
      namespace,
      labels: { ...(template?.metadata?.labels ?? {}) },
      annotations: { ...(template?.metadata?.annotations ?? {}), [INSTANTIATE_ANNOTATION]: 'manual' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name, uid: cj.metadata.uid!, controller: true }],
    },
    spec: structuredClone(template?.spec ?? { template: { spec: { containers: [] } } }),
  };
  if (!Object.keys(job.metadata!.labels!).length) delete job.metadata!.labels;
  store.create(job);
  return `${kubectlRef('Job', finalName)} created`;
}

/** Flips spec.suspend: `cronjob.batch/backup suspended` / `resumed`. */
export function toggleCronJobSuspend(store: Store, namespace: string, name: string): string {
  const cj = mustCronJob(store, namespace, name);
  const suspend = !cj.spec?.suspend;
  store.modify<CronJob>('CronJob', namespace, name, (draft) => {
    draft.spec = { ...draft.spec!, suspend };
  });
  return `${kubectlRef('CronJob', name)} ${suspend ? 'suspended' : 'resumed'}`;
}
