// What one sync of a pod worker hands to the container lifecycle: the time, the pod, the node, the
// fleet's services, the pod's back-off tables (made on first use) and a way to ask for the next sync.
import type { Pod } from '../api/types.js';
import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, type Backoff } from './backoff.js';
import { UnmadeBackoff } from './unmadeBackoff.js';
import type { NodeAgent } from './nodeAgent.js';
import type { KubeletHost, SyncContext } from './podState.js';

/** The parts of a pod worker a sync context reaches. */
export interface ContextWorker {
  readonly pod: Pod;
  readonly agent: NodeAgent;
  readonly host: KubeletHost;
  readonly podIPAddress: string;
  crashBackoff(): Backoff;
  imageBackoff(): Backoff;
  /** The image back-off table if it was made (undefined otherwise: nothing ever failed). */
  imageBackoffIfMade(): Backoff | undefined;
  clearImageBackoff(image: string): void;
}

/** One sync's view of its worker (a class: one small object per sync, no closures). */
export class WorkerContext implements SyncContext {
  readonly pod: Pod;
  readonly nodeName: string;
  readonly agent: NodeAgent;
  readonly host: KubeletHost;
  /** IP of the pod's sandbox ('' before it has one). */
  podIP: string;

  constructor(
    private readonly worker: ContextWorker,
    readonly now: number,
  ) {
    this.pod = worker.pod;
    this.nodeName = worker.agent.name;
    this.agent = worker.agent;
    this.host = worker.host;
    this.podIP = worker.podIPAddress;
  }

  get crashBackoff(): Backoff {
    return this.worker.crashBackoff();
  }

  /** The pod's table, or one that makes it on the first write: a read alone makes none. */
  get imageBackoff(): Backoff {
    const worker = this.worker;
    return worker.imageBackoffIfMade() ?? new UnmadeBackoff(BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, () => worker.imageBackoff());
  }

  clearImageBackoff(image: string): void {
    this.worker.clearImageBackoff(image);
  }

  /** The earliest sync asked for during this sync (Infinity: none). */
  wakeAt = Number.POSITIVE_INFINITY;

  /** Asks for a sync at `at` (or earlier if asked); always after `now`, as a wake at or before now would spin. */
  wake(at: number): void {
    const t = Math.max(at, this.now + 1);
    if (t < this.wakeAt) this.wakeAt = t;
  }
}
