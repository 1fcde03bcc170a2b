// What a ReplicaSet sync counts, kept between syncs from the pod watch: the pods it controls that are
// active and match its selector, and how many of those are fully labeled and Ready. A sync whose
// owner has a tally and nothing to adopt, release or delete reads the counts instead of listing and
// examining every pod again (at 100 replicas, a pod's few status changes would each cost 100 pods).
// Built by a full sync from the pods it claimed; dropped whenever something a tally cannot follow
// happens (the owner's spec, a pod's labels or owner references change), and the next sync is full.
import type { Selector } from '../../api/labels.js';
import { controllerOf } from '../../api/object.js';
import type { Pod } from '../../api/types.js';
import { isPodActive, isPodReady } from './podState.js';

interface Facts {
  fullyLabeled: boolean;
  ready: boolean;
}

export class ReplicaTally {
  private readonly pods = new Map<string, Facts>();
  fullyLabeled = 0;
  ready = 0;

  constructor(
    readonly ownerUid: string,
    /** The owner's selector, and its template's labels as a selector (fully labeled pods). */
    private readonly selector: Selector,
    private readonly templateLabels: Selector,
  ) {}

  /** Active pods claimed. */
  get active(): number {
    return this.pods.size;
  }

  /** The pod as it is now (or gone, when `pod` is undefined): in the tally iff a sync would claim it. */
  update(uid: string, pod: Pod | undefined): void {
    const before = this.pods.get(uid);
    if (before) {
      this.pods.delete(uid);
      if (before.fullyLabeled) this.fullyLabeled--;
      if (before.ready) this.ready--;
    }
    if (!pod || controllerOf(pod)?.uid !== this.ownerUid || !isPodActive(pod) || !this.selector.matches(pod.metadata.labels)) return;
    const facts: Facts = { fullyLabeled: this.templateLabels.matches(pod.metadata.labels), ready: isPodReady(pod) };
    this.pods.set(uid, facts);
    if (facts.fullyLabeled) this.fullyLabeled++;
    if (facts.ready) this.ready++;
  }
}
