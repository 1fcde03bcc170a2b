// What a describer reads besides the object: the simulated now, the store (for owned objects,
// events and pods that use a claim), the decisions about the object, and whether secrets show.
import type { Decision } from '../../events/decisionLog.js';
import type { Store } from '../../store/store.js';
import type { PrefixWriter } from './prefixWriter.js';
import type { KObject } from '../../api/object.js';

export interface DescribeContext {
  /** Simulated now, epoch ms. */
  now: number;
  store: Store;
  /** Decisions about this object, oldest first (the caller queries the decision log). */
  decisions?: readonly Decision[];
  /** Show Secret values decoded instead of their sizes. */
  decoded?: boolean;
  /** The viewer may not list events (`--as`): the refusal, shown in place of the Events section. */
  eventsRefused?: string;
  /** Columns the text is shown in; the scheduler's node table is laid out to fit them (default: no limit). */
  width?: number;
}

/** Writes the kind-specific body; the Events and Decisions sections are added after it. */
export type Describer<T extends KObject = KObject> = (w: PrefixWriter, obj: T, ctx: DescribeContext) => void;

/** `ReplicaSet/web-7c5d`: the controller owner, as `Controlled By:` prints it. */
export function controlledBy(obj: KObject): string | undefined {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}
