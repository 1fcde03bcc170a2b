// A pod's image-pull back-off table before it is made. Most pods never fail a pull, yet every pull
// asks whether the image is backing off: asked here, that question makes no table. It reads as an
// empty table (with the same delays as the real one); its first write makes the pod's real table,
// and from then on every call goes to that table.
import { Backoff } from './backoff.js';

export class UnmadeBackoff extends Backoff {
  private made: Backoff | undefined = undefined;

  constructor(
    initialMs: number,
    maxMs: number,
    /** Makes (or returns) the pod's real table. */
    private readonly make: () => Backoff,
  ) {
    super(initialMs, maxMs);
  }

  private real(): Backoff {
    return (this.made ??= this.make());
  }

  override get(key: string): number {
    return this.made ? this.made.get(key) : super.get(key);
  }

  override lastUpdate(key: string): number | undefined {
    return this.made ? this.made.lastUpdate(key) : super.lastUpdate(key);
  }

  override isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    return this.made ? this.made.isInBackOffSince(key, eventTime, now) : super.isInBackOffSince(key, eventTime, now);
  }

  override isInBackOffSinceUpdate(key: string, now: number): boolean {
    return this.made ? this.made.isInBackOffSinceUpdate(key, now) : super.isInBackOffSinceUpdate(key, now);
  }

  override next(key: string, eventTime: number, now: number): number {
    return this.real().next(key, eventTime, now);
  }

  override seed(key: string, backoffMs: number, lastUpdate: number): void {
    this.real().seed(key, backoffMs, lastUpdate);
  }

  override delete(key: string): void {
    this.made?.delete(key);
  }
}
