// The TTL-after-finished controller (pkg/controller/ttlafterfinished), component
// `ttl-after-finished-controller`: deletes a finished Job (foreground, so its pods go first)
// ttlSecondsAfterFinished after the lastTransitionTime of its Complete or Failed condition; 0 means
// as soon as it finishes, unset means never. A timer wakes it at the expiry.
import { isApiError } from '../api/errors.js';
import type { Job } from '../api/types.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { finishedCondition } from './job/conditions.js';
import { clockTime } from './nodeTaints.js';
import { DecisionMemory } from './shared/decisionMemory.js';

/** The Job's finish time and TTL, when it is a candidate for clean-up. */
function expiry(job: Job): { finishedAt: number; ttl: number; type: string } | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return undefined;
  const done = finishedCondition(job);
  if (!done?.lastTransitionTime) return undefined;
  const finishedAt = Date.parse(done.lastTransitionTime);
  if (Number.isNaN(finishedAt)) return undefined;
  return { finishedAt, ttl, type: done.type };
}

export class TTLAfterFinishedController extends Controller {
  readonly name = 'ttl-after-finished-controller';
  protected override readonly primaryKind = 'Job';
  private readonly said = new DecisionMemory();

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'Job' }, (ev) => {
      if (ev.type === 'DELETED') {
        this.said.forget(keyFor(ev.object));
        return;
      }
      if (expiry(ev.object as Job)) this.enqueue(keyFor(ev.object));
    });
    for (const job of store.list<Job>('Job')) if (expiry(job)) this.enqueue(keyFor(job));
  }

  reconcile(key: string): void {
    const { store, clock } = this.cp;
    const { namespace, name } = splitKey(key);
    const job = store.get<Job>('Job', namespace, name);
    if (!job) return;
    const e = expiry(job);
    if (!e) return;
    const expireAt = e.finishedAt + e.ttl * 1000;
    const now = clock.now();
    const when = `${e.type} at ${clockTime(clock.iso(e.finishedAt))} + ttlSecondsAfterFinished ${e.ttl}s = ${clockTime(clock.iso(expireAt))}`;
    if (now < expireAt) {
      if (this.said.isNew(key, String(expireAt))) this.decide(job, `delete job ${name} at ${clockTime(clock.iso(expireAt))}`, `finished (${when})`);
      this.enqueueAfter(key, expireAt - now);
      return;
    }
    try {
      // The precondition makes sure the Job we judged is the one we delete.
      store.delete('Job', namespace, name, { propagationPolicy: 'Foreground', preconditions: { resourceVersion: job.metadata.resourceVersion } });
    } catch (err) {
      if (isApiError(err, 'NotFound')) return;
      throw err;
    }
    this.decide(job, `delete job ${name}`, `finished (${when}) ≤ now; foreground deletion removes its pods first`);
  }
}
