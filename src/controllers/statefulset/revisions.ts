// getStatefulSetRevisions: the update revision is the set's template as it is now (an existing
// revision with the same template is reused, and moved to the front when it is an older one: a roll
// back); the current revision is the one status.currentRevision names, or the update revision when
// the set has no history yet.
import type { ControllerRevision, StatefulSet } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import {
  createRevisionWithCollisions,
  nextRevisionNumber,
  ownedRevisions,
  renumberRevision,
  revisionData,
  sameData,
} from '../shared/controllerRevisions.js';

export interface SetRevisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
  /** Every revision the set owns after this call, oldest first. */
  all: ControllerRevision[];
  /** What happened to the history, for the decision log (`created revision web-6b8c (2)`). */
  change?: string;
  /** True when the set had no revision before this call. */
  initial: boolean;
}

export function statefulSetRevisions(store: Store, set: StatefulSet): SetRevisions {
  const revisions = ownedRevisions(store, set);
  let collisionCount = set.status?.collisionCount ?? 0;
  const data = revisionData(set);
  const next = nextRevisionNumber(revisions);
  const equal = revisions.filter((r) => sameData(r, data));
  let update: ControllerRevision;
  let change: string | undefined;
  const latest = revisions[revisions.length - 1];
  if (equal.length && latest && equal[equal.length - 1] === latest) {
    update = latest;
  } else if (equal.length) {
    const older = equal[equal.length - 1];
    update = renumberRevision(store, older, next);
    change = `rolled back to revision ${update.metadata.name} (renumbered ${older.revision} → ${next})`;
  } else {
    const created = createRevisionWithCollisions(store, set, data, next, set.spec?.template?.metadata?.labels, collisionCount);
    update = created.revision;
    if (created.collisionCount !== collisionCount) change = `hash collision: collisionCount ${collisionCount} → ${created.collisionCount}`;
    collisionCount = created.collisionCount;
    change = change ? `${change}; created revision ${update.metadata.name} (${next})` : `created revision ${update.metadata.name} (${next})`;
  }
  const all = ownedRevisions(store, set);
  const current = all.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount, all, change, initial: revisions.length === 0 };
}
