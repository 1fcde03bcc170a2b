// When Events expire (the apiserver's --event-ttl), kept as a queue: with one TTL for every Event and
// a clock that never goes back, expiries are scheduled in the order they fall due, so one clock timer
// for the head of the queue serves them all (at 150,000 pods that is one timer instead of ~600,000).
// An Event seen again expires later: its new time is queued and the earlier entry is skipped.
// Times and namespaces are kept as runs of equal values (runQueue.ts), names one apiece.
import type { Timer, VirtualClock } from '../sim/clock.js';
import { RunQueue } from './runQueue.js';

export class ExpiryQueue {
  private namespaces = new RunQueue<string>();
  private names: string[] = [];
  private times = new RunQueue<number>();
  /** Entries of `names` already taken; the run queues drop theirs themselves. */
  private head = 0;
  private timer: Timer | undefined;
  private firing = false;
  /** Entries queued more than once (Events seen again): key → the latest expiry. */
  private readonly latest = new Map<string, number>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly expire: (namespace: string, name: string) => void,
    private readonly label = 'event-ttl',
  ) {}

  get size(): number {
    return this.names.length - this.head;
  }

  /** Expire the Event at `at` (no earlier than anything queued before). */
  schedule(namespace: string, name: string, at: number): void {
    this.push(namespace, name, at);
  }

  /** The Event was seen again: it now expires at `at` instead. */
  extend(namespace: string, name: string, at: number): void {
    this.latest.set(`${namespace}/${name}`, at);
    this.push(namespace, name, at);
  }

  /**
   * Events this queue did not schedule (restored from a state file), in any order: merged into the
   * queue where their times fall.
   */
  scheduleAll(entries: ReadonlyArray<{ namespace: string; name: string; at: number }>): void {
    if (!entries.length) return;
    const added = [...entries].sort((a, b) => a.at - b.at);
    const queuedNamespaces = [...this.namespaces];
    const queuedNames = this.names.slice(this.head);
    const queuedTimes = [...this.times];
    const namespaces = new RunQueue<string>();
    const names: string[] = [];
    const times = new RunQueue<number>();
    let i = 0;
    let j = 0;
    while (i < queuedNames.length || j < added.length) {
      if (j >= added.length || (i < queuedNames.length && queuedTimes[i] <= added[j].at)) {
        namespaces.push(queuedNamespaces[i]);
        names.push(queuedNames[i]);
        times.push(queuedTimes[i++]);
      } else {
        const entry = added[j++];
        namespaces.push(entry.namespace);
        names.push(entry.name);
        times.push(entry.at);
      }
    }
    this.namespaces = namespaces;
    this.names = names;
    this.times = times;
    this.head = 0;
    // The head may now fall earlier than the armed timer.
    if (this.firing) return;
    this.clock.cancel(this.timer);
    this.arm(times.peek());
  }

  private push(namespace: string, name: string, at: number): void {
    this.namespaces.push(namespace);
    this.names.push(name);
    this.times.push(at);
    if (!this.timer && !this.firing) this.arm(at);
  }

  private arm(at: number): void {
    this.timer = this.clock.at(at, () => this.fire(), this.label);
  }

  private fire(): void {
    this.timer = undefined;
    this.firing = true;
    try {
      this.expireDue();
    } finally {
      this.firing = false;
      this.compact();
      if (this.head < this.names.length) this.arm(this.times.peek());
    }
  }

  private expireDue(): void {
    const now = this.clock.now();
    while (this.head < this.names.length && this.times.peek() <= now) {
      const namespace = this.namespaces.take();
      const name = this.names[this.head];
      const at = this.times.take();
      this.head++;
      const key = this.latest.size ? `${namespace}/${name}` : '';
      const later = key ? this.latest.get(key) : undefined;
      if (later !== undefined) {
        if (later > at) continue; // seen again since: a later entry expires it
        this.latest.delete(key);
      }
      this.expire(namespace, name);
    }
  }

  /** Drops the consumed front of the queue once it is most of it. */
  private compact(): void {
    if (this.head < 1024 || this.head * 2 < this.names.length) return;
    this.namespaces.compact();
    this.names = this.names.slice(this.head);
    this.times.compact();
    this.head = 0;
  }
}
