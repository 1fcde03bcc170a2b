// The base of every controller: a level-triggered reconcile(key) fed by the shared work queue, with
// helpers to requeue later, record a Decision and emit an Event.
import { nsName, type KObject } from '../api/object.js';
import { refOf, type ObjectRef } from '../events/decisionLog.js';
import type { EventOptions, EventType } from '../events/eventRecorder.js';
import type { Timer } from '../sim/clock.js';
import type { ControlPlane } from './controlPlane.js';
import type { Reconciler } from './workQueue.js';

export abstract class Controller implements Reconciler {
  /** Component name: `deployment-controller`, `default-scheduler`, `kubelet`. */
  abstract readonly name: string;
  /** The kind its keys name, for decisions about a failed reconcile. */
  protected readonly primaryKind: string = '';
  private readonly delayed = new Map<string, Timer>();
  private readonly failures = new Map<string, number>();

  constructor(protected readonly cp: ControlPlane) {}

  /** Subscribe to the watches this controller needs; called once when the cluster starts. */
  abstract start(): void;

  /** Bring the object named by key to its desired state. Must be idempotent. */
  abstract reconcile(key: string): void;

  /** Called by the simulation loop: runs reconcile and turns a thrown error into a retry with back-off. */
  run(key: string): void {
    try {
      this.reconcile(key);
      this.failures.delete(key);
    } catch (error) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      const delayMs = Math.min(1000 * 2 ** (n - 1), 300_000);
      this.cp.decisions.record({
        component: this.name,
        object: { kind: this.primaryKind, ...splitKey(key) },
        action: 'retry later',
        reason: `${error instanceof Error ? error.message : String(error)} (attempt ${n}, retrying in ${delayMs / 1000}s)`,
        // What was thrown: an ApiError is the cluster refusing; anything else is a bug in kubesim.
        details: { attempt: n, error: error instanceof Error ? error.name : typeof error },
      });
      this.enqueueAfter(key, delayMs);
    }
  }

  enqueue(key: string): void {
    this.cp.queue.add(this, key);
  }

  /** Queue the key after a delay; an earlier pending delay for the same key wins. */
  enqueueAfter(key: string, delayMs: number): void {
    const at = this.cp.clock.now() + delayMs;
    const existing = this.delayed.get(key);
    if (existing && !existing.cancelled && existing.at <= at) return;
    this.cp.clock.cancel(existing);
    this.delayed.set(
      key,
      this.cp.clock.at(at, () => {
        this.delayed.delete(key);
        this.enqueue(key);
      }, `${this.name} ${key}`),
    );
  }

  protected decide(object: KObject | ObjectRef, action: string, reason: string, details?: unknown): void {
    const ref = 'metadata' in object ? refOf(object as KObject) : (object as ObjectRef);
    this.cp.decisions.record({ component: this.name, object: ref, action, reason, details });
  }

  protected event(object: KObject, type: EventType, reason: string, message: string, options?: EventOptions): void {
    this.cp.events.record({ component: this.name }, object, type, reason, message, options);
  }
}

/** `namespace/name` keys, the client-go convention (cluster-scoped objects are just `name`). */
export function keyFor(obj: KObject): string {
  return nsName(obj);
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
