// A DaemonSet's revisions (constructHistory, snapshot, cleanupHistory): the current revision is the
// one whose data is the DaemonSet's template; it is named `<ds>-<hash>` with hash =
// ComputeHash(template, collisionCount), and its pods carry `controller-revision-hash: <hash>`.
import type { ControllerRevision, DaemonSet } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import { computeHash } from '../deployment/podTemplateHash.js';
import {
  buildRevision,
  nextRevisionNumber,
  ownedRevisions,
  renumberRevision,
  revisionData,
  revisionName,
  sameData,
  truncateHistory,
} from '../shared/controllerRevisions.js';
import { REVISION_HASH_LABEL } from './daemonPod.js';

export interface DaemonHistory {
  current: ControllerRevision;
  hash: string;
  old: ControllerRevision[];
  collisionCount: number;
  change?: string;
}

function hashOf(revision: ControllerRevision, dsName: string): string {
  return revision.metadata.labels?.[REVISION_HASH_LABEL] ?? (revision.metadata.name ?? '').slice(dsName.length + 1);
}

export function constructHistory(store: Store, ds: DaemonSet): DaemonHistory {
  const data = revisionData(ds);
  const all = ownedRevisions(store, ds);
  const matching = all.filter((r) => sameData(r, data));
  const old = all.filter((r) => !sameData(r, data));
  const wanted = nextRevisionNumber(old);
  let collisionCount = ds.status?.collisionCount ?? 0;
  let change: string | undefined;
  let current: ControllerRevision;
  if (!matching.length) {
    // snapshot: a name taken by other data is a hash collision; bump the count and hash again.
    for (;;) {
      const hash = computeHash(ds.spec?.template, collisionCount || undefined);
      const name = revisionName(ds.metadata.name ?? '', hash);
      const taken = store.get<ControllerRevision>('ControllerRevision', ds.metadata.namespace, name);
      if (taken && !sameData(taken, data)) {
        collisionCount++;
        continue;
      }
      current =
        taken ??
        store.create(
          buildRevision(ds, { name, data, revision: wanted, labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash } }),
          { trusted: true },
        );
      change = `created revision ${name} (${wanted})${all.length ? '' : ': the first snapshot of the pod template'}`;
      break;
    }
  } else {
    // dedupCurHistories: keep the newest of identical revisions.
    matching.sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    current = matching[matching.length - 1];
    for (const dup of matching.slice(0, -1)) store.delete('ControllerRevision', dup.metadata.namespace, dup.metadata.name!);
    if ((current.revision ?? 0) < wanted) {
      current = renumberRevision(store, current, wanted);
      change = `rolled back to revision ${current.metadata.name} (now ${wanted})`;
    }
  }
  return { current, hash: hashOf(current, ds.metadata.name ?? ''), old, collisionCount, change };
}

/** cleanupHistory: old revisions beyond revisionHistoryLimit that no pod runs, oldest first. */
export function cleanupHistory(store: Store, ds: DaemonSet, history: DaemonHistory, liveHashes: ReadonlySet<string>): string[] {
  const limit = ds.spec?.revisionHistoryLimit ?? 10;
  if (history.old.length <= limit) return [];
  const live = new Set<string>([history.current.metadata.name!]);
  for (const r of history.old) if (liveHashes.has(hashOf(r, ds.metadata.name ?? ''))) live.add(r.metadata.name!);
  return truncateHistory(store, history.old, live, limit);
}
