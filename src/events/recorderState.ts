// What the event recorder remembers between events, as plain data for a state file: without it a
// restored cluster would start a new Event where the live one would have counted up the last one,
// and would forget how much of its spam budget each object had spent.

// `source` is the component (and `\0host`), `object` the involved object's uid (or kind/namespace/name).
export interface EventRecorderState {
  /** De-duplication, least recently used first: the key and the Event it folds into (message `\0combined` for the aggregate). */
  known: Array<[source: string, object: string, fieldPath: string, type: string, reason: string, message: string, namespace: string, name: string]>;
  /** Aggregation, oldest first: the key without message and the epoch ms of its recent distinct messages. */
  similar: Array<[source: string, object: string, fieldPath: string, type: string, reason: string, times: number[]]>;
  /** Spam filter, oldest first: tokens left and epoch ms of the last refill. */
  buckets: Array<[source: string, object: string, tokens: number, updatedAt: number]>;
  /** Names handed out so far (the counter in every Event's name). */
  names: number;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const strings = (list: unknown[], from: number, to: number) => list.slice(from, to).every((p) => typeof p === 'string');

/** What is wrong with a saved recorder state, or undefined when it can be restored. */
export function recorderStateProblem(state: unknown): string | undefined {
  if (!state || typeof state !== 'object') return 'events is not an object';
  const s = state as Partial<EventRecorderState>;
  if (!Array.isArray(s.known) || !s.known.every((e) => Array.isArray(e) && e.length === 8 && strings(e, 0, 8))) return 'events.known is not a list of [source, object, fieldPath, type, reason, message, namespace, name]';
  if (!Array.isArray(s.similar) || !s.similar.every((e) => Array.isArray(e) && e.length === 6 && strings(e, 0, 5) && Array.isArray(e[5]) && e[5].every(isFiniteNumber))) return 'events.similar is not a list of [source, object, fieldPath, type, reason, times]';
  if (!Array.isArray(s.buckets) || !s.buckets.every((e) => Array.isArray(e) && e.length === 4 && strings(e, 0, 2) && isFiniteNumber(e[2]) && isFiniteNumber(e[3]))) return 'events.buckets is not a list of [source, object, tokens, time]';
  if (!isFiniteNumber(s.names) || s.names < 0) return 'events.names is not a count';
  return undefined;
}
