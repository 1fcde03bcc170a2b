// The files a container sees: the kubelet's /etc/resolv.conf, /etc/hosts and /etc/hostname, then
// its volume mounts over them. They are made the first time something looks (a script's `cat`, an
// exec probe, a log read), from what determines them: the pod spec, name and address at the start
// and the volumes as mounted. Stored objects are never changed in place, so made later they are
// the same; most containers (servers without exec probes) never look, and carry no copy.
import type { Container, Pod, PodSpec } from '../api/types.js';
import { kubeletManagedFiles } from '../sim/serviceDns.js';
import { containerFiles } from './volumes.js';

export class InstanceFiles implements ReadonlyMap<string, string> {
  private made: Map<string, string> | undefined;

  constructor(
    private readonly spec: PodSpec | undefined,
    private readonly name: string | undefined,
    private readonly namespace: string | undefined,
    private readonly podIP: string,
    private readonly container: Container,
    private readonly volumeFiles: ReadonlyMap<string, ReadonlyMap<string, string>>,
  ) {}

  private files(): Map<string, string> {
    if (!this.made) {
      const pod = { metadata: { name: this.name, namespace: this.namespace }, spec: this.spec } as Pod;
      this.made = new Map([...kubeletManagedFiles(pod, this.podIP), ...containerFiles(this.container, this.volumeFiles)]);
    }
    return this.made;
  }

  get size(): number {
    return this.files().size;
  }

  get(path: string): string | undefined {
    return this.files().get(path);
  }

  has(path: string): boolean {
    return this.files().has(path);
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.files()) callback.call(thisArg, v, k, this);
  }

  entries(): MapIterator<[string, string]> {
    return this.files().entries();
  }

  keys(): MapIterator<string> {
    return this.files().keys();
  }

  values(): MapIterator<string> {
    return this.files().values();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.files()[Symbol.iterator]();
  }
}

/** The files of one container instance started now, made when first looked at. */
export function instanceFiles(pod: Pod, podIP: string, container: Container, volumeFiles: ReadonlyMap<string, ReadonlyMap<string, string>>): InstanceFiles {
  return new InstanceFiles(pod.spec, pod.metadata.name, pod.metadata.namespace, podIP, container, volumeFiles);
}
