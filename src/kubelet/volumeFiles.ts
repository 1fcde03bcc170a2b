// A pod's mounted volumes (volume name → relative path → content), kept by every running pod for as
// long as it runs. A Map of one entry takes some 180 bytes; the names are the pod spec's own (its
// volumes, in order) and only the contents are kept here, in a list as long as the volumes.
import type { core } from '../api/types.js';

type Files = ReadonlyMap<string, string>;

export class VolumeFiles implements ReadonlyMap<string, Files> {
  private constructor(
    private readonly volumes: readonly core.Volume[],
    private readonly contents: readonly Files[],
  ) {}

  /** The volumes' files in the volumes' order; a Map when two volumes share a name (the last one counts, as in a Map). */
  static of(volumes: readonly core.Volume[], contents: readonly Files[]): ReadonlyMap<string, Files> {
    const names = new Set<string>();
    for (const v of volumes) names.add(v.name);
    if (names.size !== volumes.length) return new Map(volumes.map((v, i) => [v.name, contents[i]]));
    return new VolumeFiles(volumes, contents);
  }

  get size(): number {
    return this.contents.length;
  }

  get(name: string): Files | undefined {
    const volumes = this.volumes;
    for (let i = 0; i < volumes.length; i++) if (volumes[i].name === name) return this.contents[i];
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  forEach(callback: (value: Files, key: string, map: ReadonlyMap<string, Files>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.contents.length; i++) callback.call(thisArg, this.contents[i], this.volumes[i].name, this);
  }

  *entries(): MapIterator<[string, Files]> {
    for (let i = 0; i < this.contents.length; i++) yield [this.volumes[i].name, this.contents[i]];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.contents.length; i++) yield this.volumes[i].name;
  }

  *values(): MapIterator<Files> {
    for (let i = 0; i < this.contents.length; i++) yield this.contents[i];
  }

  [Symbol.iterator](): MapIterator<[string, Files]> {
    return this.entries();
  }
}
