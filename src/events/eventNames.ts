// Event names as client-go makes them: `<object>.<hex of the time in nanoseconds>`, here with a
// counter added so that events of one instant differ (`web-0.18867251edfa0000`, `…0001`).
// Nanoseconds since the epoch are beyond 2^53, so the exact sum is a BigInt; but one BigInt per
// Event is slow, so the sum is split at 2^32: the high part's hex is computed once per millisecond,
// the low part is a plain Number, and a carry (rare) takes the exact path.

const LOW = 2 ** 32;

export class EventNames {
  /** How many names were handed out: part of every name, and saved with the cluster. */
  counter = 0;
  private at = Number.NaN;
  private nanos = 0n;
  private highHex = '';
  private low = 0;

  /** A new name for an event about `objectName` at epoch ms `now`. */
  next(objectName: string, now: number): string {
    if (now !== this.at) {
      this.at = now;
      this.nanos = BigInt(now) * 1_000_000n;
      const high = this.nanos >> 32n;
      this.highHex = high ? high.toString(16) : '';
      this.low = Number(this.nanos & 0xffffffffn);
    }
    const low = this.low + this.counter;
    let hex: string;
    if (low >= LOW) hex = (this.nanos + BigInt(this.counter)).toString(16);
    else if (this.highHex) hex = this.highHex + low.toString(16).padStart(8, '0');
    else hex = low.toString(16);
    this.counter++;
    // Joined rather than added, so the name is one flat string and not a rope of its parts.
    return [objectName, '.', hex].join('');
  }
}
