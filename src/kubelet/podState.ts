// What a kubelet knows about the containers of one pod that the API object does not hold: the
// running instance and its planned end, the previous instance (for lastState and --previous logs),
// pulls in progress, probe workers and the reason a container is waiting.
import type { Container, Pod } from '../api/types.js';
import type { DecisionInput } from '../events/decisionLog.js';
import type { EventType } from '../events/eventRecorder.js';
import type { ControlPlane } from '../controllers/controlPlane.js';
import type { Backoff } from './backoff.js';
import type { ObjectWait } from './envVars.js';
import type { PullJob } from './imageStore.js';
import type { NodeAgent } from './nodeAgent.js';
import type { ContainerInstance } from './containerInstance.js';

export type ContainerKind = 'init' | 'sidecar' | 'regular';

export type { ContainerInstance, Termination } from './containerInstance.js';

export interface ContainerRecord {
  name: string;
  spec: Container;
  kind: ContainerKind;
  /** `spec.containers{web}` or `spec.initContainers{init-db}`, for events. */
  fieldPath: string;
  restartCount: number;
  current?: ContainerInstance;
  previous?: ContainerInstance;
  /** Why it is waiting, when the kubelet has a reason (errors, back-off); else the default applies. */
  waiting?: { reason: string; message?: string };
  pull?: PullJob;
  /** The exit whose crash back-off has been announced in the decision log (its finishedAt). */
  backoffAnnounced?: number;
}

/** What the pod worker and the container lifecycle share during one sync. */
export interface SyncContext {
  now: number;
  pod: Pod;
  nodeName: string;
  agent: NodeAgent;
  host: KubeletHost;
  crashBackoff: Backoff;
  imageBackoff: Backoff;
  /** Forgets an image's pull back-off (a pull succeeded), without making the table when it has none. */
  clearImageBackoff(image: string): void;
  /** Asks for another sync at (or after) this time. */
  wake(at: number): void;
  /** IP of the pod's sandbox ('' before it has one). */
  podIP: string;
}

/** The fleet's services the workers use. */
export interface KubeletHost {
  readonly cp: ControlPlane;
  event(pod: Pod, nodeName: string, type: EventType, reason: string, message: string, fieldPath?: string): void;
  decide(pod: Pod, decision: Omit<DecisionInput, 'component' | 'object'>): void;
  waitFor(podKey: string, wait: ObjectWait): void;
  /** Notifies log followers that an instance changed (started, ended). */
  logsChanged(uid: string): void;
}
