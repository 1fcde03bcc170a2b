// The state file: one header line naming the format, its version, and the length and SHA-256 of the
// body; then the body (JSON). A file without the header (someone's JSON, a manifest) is foreign; a
// header whose checksum does not match the body is corrupt (cut short, edited, bit-rotted). Either is
// refused with a clear message, and the file is left as it was.
import { createHash } from 'node:crypto';
import type { Snapshot } from '../store/store.js';
import { recorderStateProblem, type EventRecorderState } from '../events/recorderState.js';
import type { InjectedLoad } from '../sim/workloadUsage.js';
import type { ScenarioProgress } from '../scenario/types.js';

export const STATE_FORMAT = 'kubesim-state';
export const STATE_VERSION = 1;

export interface StateHeader {
  format: typeof STATE_FORMAT;
  version: number;
  /** Bytes of the body (UTF-8). */
  length: number;
  sha256: string;
}

/** Everything a cluster needs to go on where it stopped. */
export interface ClusterState {
  cluster: {
    name: string;
    /** The seed it was started with (a scenario restart uses it again). */
    seed: number;
    /** Epoch ms the virtual clock started at, and where it stood. */
    startedAt: number;
    now: number;
    /** The seeded PRNG's state, so the restored cluster draws the numbers it would have. */
    random: number;
  };
  store: Snapshot;
  /** Nodes whose kubelet was stopped by a fault. */
  stoppedNodes: string[];
  /** Load injected on workloads. */
  loads: InjectedLoad[];
  scenario?: ScenarioProgress;
  /**
   * The event recorder's caches (de-duplication, aggregation, spam filter), so a repeated event
   * counts up the Event it would have live. Files written before it was saved have none: their
   * first repeat of an event starts a new Event.
   */
  events?: EventRecorderState;
}

export class StateFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`cannot load the cluster state from ${path}: ${problem}. The file was left untouched; move it away or name another file with --state.`);
    this.name = 'StateFileError';
  }
}

export function encodeState(state: ClusterState): string {
  const body = JSON.stringify(state);
  const bytes = Buffer.from(body, 'utf8');
  const header: StateHeader = { format: STATE_FORMAT, version: STATE_VERSION, length: bytes.length, sha256: sha256(bytes) };
  return `${JSON.stringify(header)}\n${body}\n`;
}

/** Checks the header, the checksum and the shape; throws StateFileError saying what is wrong. */
export function decodeState(path: string, data: Buffer): ClusterState {
  const newline = data.indexOf(0x0a);
  const firstLine = data.subarray(0, newline < 0 ? Math.min(data.length, 4096) : newline).toString('utf8');
  let header: Partial<StateHeader> | undefined;
  try {
    const parsed: unknown = JSON.parse(firstLine);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) header = parsed as Partial<StateHeader>;
  } catch {
    header = undefined;
  }
  if (!header || header.format !== STATE_FORMAT) {
    const what = data.length === 0 ? 'the file is empty' : `it is not a kubesim state file (it does not start with a "${STATE_FORMAT}" header)`;
    throw new StateFileError(path, what);
  }
  if (header.version !== STATE_VERSION) {
    const newer = typeof header.version === 'number' && header.version > STATE_VERSION;
    throw new StateFileError(path, newer ? `it was written by a newer kubesim (state format version ${header.version}; this one reads version ${STATE_VERSION})` : `unknown state format version ${JSON.stringify(header.version)}`);
  }
  const body = data.subarray(newline + 1);
  const trimmed = body.length && body[body.length - 1] === 0x0a ? body.subarray(0, body.length - 1) : body;
  if (trimmed.length !== header.length) {
    throw new StateFileError(path, `the file is corrupt (its body is ${trimmed.length} bytes where the header says ${header.length}): it was cut short or changed`);
  }
  if (sha256(trimmed) !== header.sha256) {
    throw new StateFileError(path, 'the file is corrupt (its body does not match the checksum in its header): it was changed after it was written');
  }
  let state: ClusterState;
  try {
    state = JSON.parse(trimmed.toString('utf8')) as ClusterState;
  } catch (error) {
    throw new StateFileError(path, `the file is corrupt (${error instanceof Error ? error.message : String(error)})`);
  }
  const problem = shapeProblem(state);
  if (problem) throw new StateFileError(path, `the file is corrupt (${problem})`);
  return state;
}

function shapeProblem(state: ClusterState): string | undefined {
  const c = state?.cluster;
  if (!c || typeof c !== 'object') return 'no cluster section';
  for (const key of ['seed', 'startedAt', 'now', 'random'] as const) if (typeof c[key] !== 'number' || !Number.isFinite(c[key])) return `cluster.${key} is not a number`;
  if (c.now < c.startedAt) return 'the clock stands before its start';
  if (!state.store || !Array.isArray(state.store.objects) || typeof state.store.resourceVersion !== 'number') return 'no store snapshot';
  if (!state.store.objects.every((o) => o && typeof o.kind === 'string' && o.metadata && typeof o.metadata.name === 'string')) return 'an object without kind or name';
  if (!Array.isArray(state.stoppedNodes) || !Array.isArray(state.loads)) return 'no fault section';
  if (state.events !== undefined) return recorderStateProblem(state.events);
  return undefined;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
