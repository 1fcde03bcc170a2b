// Which pods use which claims (the PodPVCIndex of the volume controllers): kept from the Pod watch
// so that "is this claim in use?" never scans every pod.
import type { Pod } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import type { WatchEvent } from '../../store/watch.js';

/** Claim names a pod mounts: persistentVolumeClaim volumes and generic ephemeral ones (`<pod>-<volume>`). */
export function claimNamesOf(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export class ClaimUsers {
  /** `namespace/claim` → names of pods in that namespace that mount it. */
  private readonly users = new Map<string, Set<string>>();

  constructor(private readonly store: Store) {}

  /** Seeds the index from pods already stored. */
  seed(): void {
    for (const pod of this.store.list<Pod>('Pod')) this.add(pod);
  }

  /** Updates the index from a pod event; returns the claim keys whose users may have changed. */
  observe(event: WatchEvent): string[] {
    const pod = event.object as Pod;
    const old = event.old as Pod | undefined;
    const touched = new Set<string>();
    if (old) for (const k of this.remove(old)) touched.add(k);
    if (event.type !== 'DELETED') for (const k of this.add(pod)) touched.add(k);
    else for (const k of this.remove(pod)) touched.add(k);
    return [...touched];
  }

  /** Pods (still stored) that mount the claim. */
  podsUsing(namespace: string, claim: string): Pod[] {
    const names = this.users.get(`${namespace}/${claim}`);
    if (!names) return [];
    const out: Pod[] = [];
    for (const name of [...names].sort()) {
      const pod = this.store.get<Pod>('Pod', namespace, name);
      if (pod) out.push(pod);
    }
    return out;
  }

  private add(pod: Pod): string[] {
    const ns = pod.metadata.namespace ?? 'default';
    const keys = claimNamesOf(pod).map((c) => `${ns}/${c}`);
    for (const key of keys) {
      let set = this.users.get(key);
      if (!set) this.users.set(key, (set = new Set()));
      set.add(pod.metadata.name!);
    }
    return keys;
  }

  private remove(pod: Pod): string[] {
    const ns = pod.metadata.namespace ?? 'default';
    const keys = claimNamesOf(pod).map((c) => `${ns}/${c}`);
    for (const key of keys) {
      const set = this.users.get(key);
      set?.delete(pod.metadata.name!);
      if (set && !set.size) this.users.delete(key);
    }
    return keys;
  }
}
