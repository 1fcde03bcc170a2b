// The CronJob controller (cronjob_controllerv2.go), component `cronjob-controller`: starts a Job for
// each scheduled time (`<cronjob>-<minutes since epoch>`), never back-filling missed ones beyond the
// most recent, honours startingDeadlineSeconds and Allow / Forbid / Replace, keeps the history
// limits, and sleeps on a timer until 100 ms after the next scheduled time.
import { controllerOf } from '../api/object.js';
import type { CronJob, Job } from '../api/types.js';
import { canonicalJson } from './deployment/podTemplateHash.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { cleanupFinishedJobs, syncCronJob, type CronEnv, type Line } from './cronjob/syncCronJob.js';
import { clockTime } from './nodeTaints.js';
import { resolveControllerRef } from './replicaset/controllerRef.js';
import { isStatusOnlyChange } from './replicaset/replicaManager.js';
import { DecisionMemory } from './shared/decisionMemory.js';

export class CronJobController extends Controller {
  readonly name = 'cronjob-controller';
  protected override readonly primaryKind = 'CronJob';
  private readonly said = new DecisionMemory();

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'CronJob' }, (ev) => {
      const key = keyFor(ev.object);
      if (ev.type === 'DELETED') {
        this.said.forget(key);
        this.said.forget(`${key}#next`);
        return;
      }
      if (ev.type === 'MODIFIED' && isStatusOnlyChange(ev)) return;
      this.enqueue(key);
    });
    store.watch({ kind: 'Job' }, (ev) => {
      for (const obj of [ev.object, ev.old]) {
        const ref = obj && controllerOf(obj);
        if (!ref || ref.kind !== 'CronJob') continue;
        const cj = resolveControllerRef(store, obj!.metadata.namespace, ref, 'CronJob');
        if (cj) this.enqueue(keyFor(cj));
      }
    });
    for (const cj of store.list('CronJob')) this.enqueue(keyFor(cj));
  }

  reconcile(key: string): void {
    const { store, clock } = this.cp;
    const { namespace, name } = splitKey(key);
    const stored = store.get<CronJob>('CronJob', namespace, name);
    if (!stored) return;
    const uid = stored.metadata.uid;
    const jobs = store.list<Job>('Job', { namespace, ownerUid: uid }).filter((j) => controllerOf(j)?.uid === uid);
    const cj = structuredClone(stored);
    const env: CronEnv = {
      store,
      now: clock.now(),
      iso: (ms) => clock.iso(ms),
      event: (type, reason, message) => this.event(store.get<CronJob>('CronJob', namespace, name) ?? stored, type, reason, message),
    };
    const lines: Line[] = [];
    const cleaned = cleanupFinishedJobs(env, cj, jobs, lines);
    const result = syncCronJob(env, cj, jobs, lines);

    if ((cleaned || result.update) && canonicalJson(cj.status ?? {}) !== canonicalJson(stored.status ?? {})) {
      store.modify<CronJob>('CronJob', namespace, name, (draft) => {
        draft.status = cj.status;
      }, { subresource: 'status' });
    }
    for (const l of this.said.select(key, lines, (l) => `${l.action}|${l.reason}`)) this.decide(stored, l.action, l.reason, l.details);
    if (result.requeue) {
      const { at, delayMs } = result.requeue;
      if (this.said.isNew(`${key}#next`, String(at))) {
        const zone = stored.spec?.timeZone ? `, ${stored.spec.timeZone}` : '';
        this.decide(stored, `next run at ${clockTime(clock.iso(at))} (schedule ${stored.spec?.schedule}${zone})`, `sleeping until 100 ms after the next scheduled time, ${clock.iso(at)}`, { nextScheduleTime: clock.iso(at) });
      }
      this.enqueueAfter(key, Math.max(0, delayMs));
    }
    if (result.error) throw new Error(result.error);
  }
}
