// What one sync of a pod worker hands to the container lifecycle: the time, the pod, the node, the
// fleet's services, the pod's back-off tables (made on first use) and a way to ask for the next sync.
import type { Pod } from '../api/types.js';
import type { Backoff } from './backoff.js';
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
  clearImageBackoff(image: string): void;
  wakeNoLaterThan(at: number, now: number): void;
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

  get imageBackoff(): Backoff {
    return this.worker.imageBackoff();
  }

  clearImageBackoff(image: string): void {
    this.worker.clearImageBackoff(image);
  }

  wake(at: number): void {
    this.worker.wakeNoLaterThan(at, this.now);
  }
}
