// generateAPIPodStatus: the pod's phase (getPhase), its conditions in the API's order
// (PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled, after any
// conditions the kubelet does not own), and one status per container with state and lastState.
import type { core, Pod } from '../api/types.js';
import type { ContainerRecord, Termination } from './podState.js';
import { conditionList, emptyState, hostIPsOf, runningState, waitingState, type ConditionInput } from './sharedStatusParts.js';

type PodStatus = core.PodStatus;
type ContainerStatus = core.ContainerStatus;
type PodCondition = core.PodCondition;
type ContainerState = core.ContainerState;
export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

const NONE: readonly never[] = [];
/** The conditions the kubelet writes (PodScheduled included: it keeps it True). */
function isKubeletCondition(type: string): boolean {
  return type === 'Ready' || type === 'ContainersReady' || type === 'Initialized' || type === 'PodReadyToStartContainers' || type === 'PodScheduled';
}

export interface StatusInput {
  pod: Pod;
  now: number;
  iso: (ms: number) => string;
  hostIP: string;
  podIP: string;
  startTime?: number;
  qosClass: string;
  sandboxReady: boolean;
  init: ContainerRecord[];
  containers: ContainerRecord[];
  /** The pod is done: containers will not run again (deleted, completed, failed, past its deadline). */
  podIsTerminal: boolean;
  /** A phase decided outside getPhase (DeadlineExceeded, admission rejection) with its reason. */
  forced?: { phase: Phase; reason: string; message: string };
}

/** The waiting reason a container shows before the kubelet has anything better to say. */
function defaultWaiting(input: StatusInput): string {
  return input.init.length ? 'PodInitializing' : 'ContainerCreating';
}

function terminatedState(t: Termination, id: string, iso: StatusInput['iso']): core.ContainerStateTerminated {
  const startedAt = iso(t.startedAt);
  const finishedAt = iso(t.finishedAt);
  return t.message
    ? { exitCode: t.exitCode, reason: t.reason, message: t.message, startedAt, finishedAt, containerID: id }
    : { exitCode: t.exitCode, reason: t.reason, startedAt, finishedAt, containerID: id };
}

/**
 * One container's status. `position` is its place among the pod's statuses (init containers first):
 * states many pods share are kept once per position, so a pod never holds one instance twice.
 */
export function containerStatus(rec: ContainerRecord, input: StatusInput, position = 0): ContainerStatus {
  const { iso } = input;
  const inst = rec.current;
  let state: ContainerState;
  let lastState: ContainerState | undefined;
  if (inst && !inst.terminated) {
    state = runningState(iso(inst.startedAt), position);
    if (rec.previous?.terminated) lastState = { terminated: terminatedState(rec.previous.terminated, rec.previous.id, iso) };
  } else if (rec.waiting) {
    state = waitingState(rec.waiting.reason, rec.waiting.message, position);
    if (inst?.terminated) lastState = { terminated: terminatedState(inst.terminated, inst.id, iso) };
  } else if (inst?.terminated) {
    state = { terminated: terminatedState(inst.terminated, inst.id, iso) };
    if (rec.previous?.terminated) lastState = { terminated: terminatedState(rec.previous.terminated, rec.previous.id, iso) };
  } else {
    state = waitingState(defaultWaiting(input), undefined, position);
  }
  lastState ??= emptyState(position);
  const running = !!inst && !inst.terminated;
  const name = rec.name;
  const ready = running && inst!.ready;
  const restartCount = rec.restartCount;
  const started = running && inst!.started;
  // One literal per shape, so that every field sits in the object itself.
  if (inst) return { name, state, lastState, ready, restartCount, image: inst.ref.normalized, imageID: inst.imageID, started, containerID: inst.id };
  return { name, state, lastState, ready, restartCount, image: rec.spec.image ?? '', imageID: '', started };
}

/** getPhase, following the reference: regular init containers first, then the app containers. */
/** getPhase over the statuses of `input.init` and `input.containers` (same order). */
export function computePhase(input: StatusInput, initStatuses: readonly ContainerStatus[], statuses: readonly ContainerStatus[]): Phase {
  const policy = input.pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let pendingSidecar = 0;
  let failedInit = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (let i = 0; i < input.init.length; i++) {
    const rec = input.init[i];
    const s = initStatuses[i];
    if (rec.kind === 'sidecar') {
      if (s.state?.running) {
        if (!s.started) pendingSidecar++;
        running++;
      } else if (s.state?.waiting && !s.lastState?.terminated) pendingSidecar++;
      continue;
    }
    if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.lastState?.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }
  for (const s of statuses) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || (pendingSidecar > 0 && failedInit === 0)) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (input.podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function listText(names: string[]): string {
  return `[${names.join(' ')}]`;
}

export function buildPodStatus(input: StatusInput): PodStatus {
  const { pod, iso } = input;
  const old = pod.status ?? {};
  // Statuses in the records' order (container names are unique within a pod).
  const initStatuses = input.init.map((r, i) => containerStatus(r, input, i));
  const statuses = input.containers.map((r, i) => containerStatus(r, input, input.init.length + i));
  const phase = input.forced?.phase ?? computePhase(input, initStatuses, statuses);

  // Initialized
  let initialized: Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>;
  const incomplete = input.init.length
    ? input.init.filter((r, i) => {
        const s = initStatuses[i];
        return r.kind === 'sidecar' ? !s.started : !(s.state?.terminated && s.state.terminated.exitCode === 0);
      })
    : NONE;
  const anyRegularStarted = statuses.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  if (!input.init.length || anyRegularStarted) initialized = { type: 'Initialized', status: 'True' };
  else if (phase === 'Succeeded') initialized = { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  else if (incomplete.length) initialized = { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${listText(incomplete.map((r) => r.name))}` };
  else initialized = { type: 'Initialized', status: 'True' };

  // ContainersReady and Ready
  const unready: string[] = [];
  for (let i = 0; i < input.init.length; i++) if (input.init[i].kind === 'sidecar' && !initStatuses[i].ready) unready.push(input.init[i].name);
  for (let i = 0; i < input.containers.length; i++) if (!statuses[i].ready) unready.push(input.containers[i].name);
  let containersReady: Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>;
  if (phase === 'Succeeded') containersReady = { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  else if (phase === 'Failed') containersReady = { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  else if (unready.length) containersReady = { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: ${listText(unready)}` };
  else containersReady = { type: 'ContainersReady', status: 'True' };
  let ready: Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>;
  if (containersReady.status !== 'True') ready = { ...containersReady, type: 'Ready' };
  else {
    const gateProblems: string[] = [];
    for (const gate of pod.spec?.readinessGates ?? []) {
      const c = old.conditions?.find((x) => x.type === gate.conditionType);
      if (!c) gateProblems.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
      else if (c.status !== 'True') gateProblems.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
    }
    ready = gateProblems.length ? { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: gateProblems.join(', ') } : { type: 'Ready', status: 'True' };
  }
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const sandbox = { type: 'PodReadyToStartContainers', status: input.sandboxReady && !terminal ? 'True' : 'False' };
  type Cond = { type: string; status: string; reason?: string; message?: string };
  const mine: Cond[] = [sandbox, initialized, ready, containersReady, { type: 'PodScheduled', status: 'True' }];

  const kept = (old.conditions ?? NONE).filter((c) => !isKubeletCondition(c.type));
  const mineWithTimes: ConditionInput[] = mine.map((c) => {
    const before = old.conditions?.find((x) => x.type === c.type);
    const same = before && before.status === c.status;
    return { type: c.type, status: c.status, reason: c.reason, message: c.message, lastTransitionTime: same && before.lastTransitionTime ? before.lastTransitionTime : iso(input.now) };
  });
  const conditions = conditionList(kept, mineWithTimes);

  if (!input.forced && input.hostIP && input.podIP && input.startTime !== undefined && !initStatuses.length) {
    // A running pod's status, as one literal (every field in the object itself).
    return {
      phase,
      conditions,
      hostIP: input.hostIP,
      hostIPs: hostIPsOf(input.hostIP),
      podIP: input.podIP,
      podIPs: podIPsOf(old, input.podIP),
      startTime: iso(input.startTime),
      containerStatuses: statuses,
      qosClass: input.qosClass as PodStatus['qosClass'],
    };
  }
  const status: PodStatus = { phase, conditions };
  if (input.forced) {
    status.reason = input.forced.reason;
    status.message = input.forced.message;
  }
  if (input.hostIP) {
    status.hostIP = input.hostIP;
    status.hostIPs = hostIPsOf(input.hostIP);
  }
  if (input.podIP) {
    status.podIP = input.podIP;
    status.podIPs = podIPsOf(old, input.podIP);
  }
  if (input.startTime !== undefined) status.startTime = iso(input.startTime);
  if (initStatuses.length) status.initContainerStatuses = initStatuses;
  status.containerStatuses = statuses;
  status.qosClass = input.qosClass as PodStatus['qosClass'];
  return status;
}

/** `[{ip}]` for the pod's address: the stored status's list while the address stays. */
function podIPsOf(old: PodStatus, ip: string): NonNullable<PodStatus['podIPs']> {
  const before = old.podIPs;
  return before?.length === 1 && before[0].ip === ip && Object.keys(before[0]).length === 1 ? before : [{ ip }];
}
