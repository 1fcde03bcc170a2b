// Container IDs, and the start time they carry. The API's timestamps have whole seconds, but the
// simulated runtime starts containers at any millisecond; a kubelet that adopts a running container
// (a restored cluster) asks the runtime when it really started, as a real kubelet asks containerd.
// Here the runtime's record is the ID itself: `containerd://` + 58 hex digits derived from the pod,
// the container and its instance number + 3 hex digits holding the start's millisecond within its
// second + 3 hex digits checking those, so an ID that does not carry them is never misread.
import { hexOf } from '../sim/imageCatalog.js';

const PREFIX = 'containerd://';

export function containerIdFor(podUid: string, name: string, instance: number, startedAt: number): string {
  const base = hexOf(`${podUid}/${name}/${instance}`, 58);
  const ms = (((startedAt % 1000) + 1000) % 1000).toString(16).padStart(3, '0');
  // Joined rather than added: every running container keeps its ID, as one flat string instead of
  // a rope of the pieces (and the longer hash text the first piece is a slice of).
  return [PREFIX, base, ms, hexOf(`${base}${ms}`, 3)].join('');
}

/** The millisecond within its second at which the container with this ID started, when the ID says. */
export function startMillisOf(containerID: string | undefined): number | undefined {
  if (!containerID?.startsWith(PREFIX)) return undefined;
  const hex = containerID.slice(PREFIX.length);
  if (!/^[0-9a-f]{64}$/.test(hex)) return undefined;
  const base = hex.slice(0, 58);
  const ms = hex.slice(58, 61);
  if (hexOf(`${base}${ms}`, 3) !== hex.slice(61)) return undefined;
  const value = parseInt(ms, 16);
  return value < 1000 ? value : undefined;
}

/** A container's start in epoch ms: the status's whole second, plus the millisecond its ID carries. */
export function preciseStart(startedAt: string | undefined, containerID: string | undefined): number | undefined {
  const second = Date.parse(startedAt ?? '');
  if (Number.isNaN(second)) return undefined;
  return second + (startMillisOf(containerID) ?? 0);
}
