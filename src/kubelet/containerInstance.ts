// One run of a container as the runtime has it: its ID, image, start, behaviour and files, how it
// ends, its probe workers, and its log. The log is made on first use from what determines it (the
// program, the files, the start), so the many containers nobody reads, stops or probes carry none.
import type { ImageRef } from '../sim/imageRef.js';
import type { ContainerBehaviour, TerminationReason } from '../sim/workload.js';
import { InstanceLog, type LineSource } from './containerLogs.js';
import type { ProbeWorker } from './probes.js';

export interface Termination {
  exitCode: number;
  reason: TerminationReason | string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  /** Killed by a failed liveness/startup probe: restarted under OnFailure even with exit code 0. */
  probeKilled?: boolean;
}

export interface InstanceProbes {
  readonly startup?: ProbeWorker;
  readonly liveness?: ProbeWorker;
  readonly readiness?: ProbeWorker;
}

/** Shared by every instance whose container has no probes. */
export const NO_PROBES: InstanceProbes = Object.freeze({});

export class ContainerInstance {
  /** When it ends by itself, if it does. */
  exitAt: number | undefined;
  /** A stop the kubelet asked for: when the process will be gone and how. */
  stop: { at: number; exitCode: number; reason: TerminationReason; cause: string } | undefined = undefined;
  terminated: Termination | undefined = undefined;
  /** Startup probe passed (or none). */
  started: boolean;
  ready = false;
  /** Access-log lines its HTTP probes leave (web servers only), computed on read. */
  accessLines: LineSource | undefined = undefined;
  private madeLog: InstanceLog | undefined = undefined;

  constructor(
    /** `containerd://<64 hex>` */
    readonly id: string,
    readonly ref: ImageRef,
    readonly imageID: string,
    readonly startedAt: number,
    readonly behaviour: ContainerBehaviour,
    /** Files the container sees (kubelet-managed and from ConfigMap/Secret volumes), for exec probes. */
    readonly files: ReadonlyMap<string, string>,
    readonly probes: InstanceProbes,
    /** The container's name, for the note that opens its log. */
    private readonly containerName: string,
    /** Masks the pod's Secret values (as they were at the start) in the log; undefined when there are none. */
    private readonly redact: ((text: string) => string) | undefined,
  ) {
    this.exitAt = behaviour.end ? startedAt + behaviour.end.afterMs : undefined;
    this.started = !probes.startup;
  }

  get log(): InstanceLog {
    return (this.madeLog ??= new InstanceLog(
      this.startedAt,
      this.behaviour.program,
      this.files,
      `container ${this.containerName} started (${this.ref.normalized}): ${this.behaviour.summary}`,
      this.redact,
      this.accessLines,
    ));
  }
}
