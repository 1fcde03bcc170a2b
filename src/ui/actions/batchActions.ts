// CronJob actions, k9s's keys: `t` triggers a run now (a Job from the template), `s` suspends or
// resumes the schedule.
import { toggleCronJobSuspend, triggerCronJob } from '../../ops/cronJobs.js';
import { flashOutcome, writeStore } from './outcome.js';
import { nameOf, nsOf, type ResourceAction } from './types.js';

export const triggerAction: ResourceAction = {
  key: 't',
  description: 'trigger: create a Job from the template now (kubectl create job --from=cronjob/NAME)',
  hint: 'trigger',
  kinds: ['CronJob'],
  run: (ctx, obj) => flashOutcome(ctx, () => triggerCronJob(writeStore(ctx), nsOf(obj), nameOf(obj))),
};

export const suspendAction: ResourceAction = {
  key: 's',
  description: 'suspend / resume the schedule',
  hint: 'suspend',
  kinds: ['CronJob'],
  run: (ctx, obj) => flashOutcome(ctx, () => toggleCronJobSuspend(writeStore(ctx), nsOf(obj), nameOf(obj))),
};

export const BATCH_ACTIONS = [triggerAction, suspendAction];
