// A container's record in its pod worker, as it is before the container first runs. Records hold
// the container's spec (shared with the pod) and the field path events name it by.
import type { Container } from '../api/types.js';
import type { ContainerKind, ContainerRecord } from './podState.js';
import { BoundedCache } from '../util/boundedCache.js';

/** `spec.containers{web}`: the same few texts for every pod of a template, so each is kept once. */
const fieldPaths = new BoundedCache<string, string>(4096);
function fieldPathOf(kind: ContainerKind, name: string): string {
  const key = `${kind === 'regular' ? 'c' : 'i'}${name}`;
  let path = fieldPaths.get(key);
  if (path === undefined) {
    path = kind === 'regular' ? `spec.containers{${name}}` : `spec.initContainers{${name}}`;
    fieldPaths.set(key, path);
  }
  return path;
}

/** A container's record before it first runs (every field present, so records share one shape). */
export function containerRecord(spec: Container, kind: ContainerKind): ContainerRecord {
  return { name: spec.name, spec, kind, fieldPath: fieldPathOf(kind, spec.name), restartCount: 0, current: undefined, previous: undefined, waiting: undefined, pull: undefined, backoffAnnounced: undefined };
}
