// What client-go's event correlator remembers, kept per subject (one object as seen by one source)
// instead of under long string keys: a record looks up the object's uid (a stored string whose hash
// V8 has already computed) and then scans the subject's few entries, where a key built from the
// source, the uid, the field path, the reason and the message would be copied flat and hashed
// anew for every Event. Each of the three caches keeps its own order, as client-go's LRUs do:
// - spam buckets, per subject, dropped oldest first beyond their limit;
// - aggregation entries, per field path, type and reason, dropped oldest first;
// - de-duplication entries (one more field: the message), dropped least recently used first.
// The orders are queues of the entries themselves; an entry dropped or moved is marked dead where
// it stands and skipped.

export interface Subject {
  readonly id: string;
  readonly source: string;
  bucket: BucketEntry | undefined;
  similar: SimilarEntry[];
  known: KnownEntry[];
}

interface Queued {
  live: boolean;
  readonly subject: Subject;
}

export interface BucketEntry extends Queued {
  tokens: number;
  updatedAt: number;
}

export interface SimilarEntry extends Queued {
  readonly fieldPath: string;
  readonly type: string;
  readonly reason: string;
  /** Epoch ms of the recent distinct messages, oldest first. */
  times: number[];
}

export interface KnownEntry extends Queued {
  readonly fieldPath: string;
  readonly type: string;
  readonly reason: string;
  /** The message, or COMBINED for the one Event that aggregated messages fold into. */
  readonly message: string;
  namespace: string;
  name: string;
}

/** The message slot of the combined Event's entry (a NUL cannot start an Event's message). */
export const COMBINED = '\0combined';

class EntryQueue<E extends Queued> {
  private entries: E[] = [];
  private head = 0;
  size = 0;

  push(entry: E): void {
    this.entries.push(entry);
    this.size++;
  }

  /** The entry was dropped or replaced where it stands. */
  dead(entry: E): void {
    entry.live = false;
    this.size--;
    const queued = this.entries.length - this.head;
    if (queued >= 1024 && queued >= 2 * this.size) {
      this.entries = this.entries.slice(this.head).filter((e) => e.live);
      this.head = 0;
    }
  }

  /** Takes the oldest live entry out (marking it dead). */
  shift(): E | undefined {
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head++];
      if (!entry.live) continue;
      entry.live = false;
      this.size--;
      if (this.head > 1024 && this.head * 2 > this.entries.length) {
        this.entries = this.entries.slice(this.head);
        this.head = 0;
      }
      return entry;
    }
    return undefined;
  }

  /** Live entries, oldest first. */
  *[Symbol.iterator](): IterableIterator<E> {
    for (let i = this.head; i < this.entries.length; i++) if (this.entries[i].live) yield this.entries[i];
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.size = 0;
  }
}

export class CorrelatorCache {
  /** source id → object id → subject. */
  private readonly subjects = new Map<string, Map<string, Subject>>();
  private readonly buckets = new EntryQueue<BucketEntry>();
  private readonly similars = new EntryQueue<SimilarEntry>();
  private readonly knowns = new EntryQueue<KnownEntry>();

  constructor(
    /** Aggregation and de-duplication entries kept (client-go: 4096); buckets four times as many. */
    private readonly limit: number,
  ) {}

  subject(source: string, id: string): Subject {
    let ofSource = this.subjects.get(source);
    if (!ofSource) this.subjects.set(source, (ofSource = new Map()));
    let subject = ofSource.get(id);
    if (!subject) ofSource.set(id, (subject = { id, source, bucket: undefined, similar: [], known: [] }));
    return subject;
  }

  // ---- spam buckets ----------------------------------------------------------------------------

  /** The subject's bucket, or a new full one (dropping the oldest bucket beyond the limit). */
  bucket(subject: Subject, tokens: number, now: number): BucketEntry {
    if (subject.bucket) return subject.bucket;
    const bucket: BucketEntry = { live: true, subject, tokens, updatedAt: now };
    subject.bucket = bucket;
    this.buckets.push(bucket);
    if (this.buckets.size > this.limit * 4) {
      const oldest = this.buckets.shift()!;
      oldest.subject.bucket = undefined;
      this.forgetIfEmpty(oldest.subject);
    }
    return bucket;
  }

  // ---- aggregation -------------------------------------------------------------------------------

  similar(subject: Subject, fieldPath: string, type: string, reason: string): SimilarEntry | undefined {
    for (const e of subject.similar) if (e.reason === reason && e.fieldPath === fieldPath && e.type === type) return e;
    return undefined;
  }

  addSimilar(subject: Subject, fieldPath: string, type: string, reason: string, times: number[]): SimilarEntry {
    const entry: SimilarEntry = { live: true, subject, fieldPath, type, reason, times };
    subject.similar.push(entry);
    this.similars.push(entry);
    return entry;
  }

  // ---- de-duplication ----------------------------------------------------------------------------

  known(subject: Subject, fieldPath: string, type: string, reason: string, message: string): KnownEntry | undefined {
    for (const e of subject.known) if (e.message === message && e.reason === reason && e.fieldPath === fieldPath && e.type === type) return e;
    return undefined;
  }

  /** Remembers which Event a key folds into; a key already known keeps its place and takes the new Event. */
  setKnown(subject: Subject, fieldPath: string, type: string, reason: string, message: string, namespace: string, name: string): void {
    const entry = this.known(subject, fieldPath, type, reason, message);
    if (entry) {
      entry.namespace = namespace;
      entry.name = name;
      return;
    }
    const added: KnownEntry = { live: true, subject, fieldPath, type, reason, message, namespace, name };
    subject.known.push(added);
    this.knowns.push(added);
  }

  /** The key was used: it becomes the most recently used. */
  touch(entry: KnownEntry): void {
    const moved: KnownEntry = { ...entry, live: true };
    const list = entry.subject.known;
    list[list.indexOf(entry)] = moved;
    this.knowns.dead(entry);
    this.knowns.push(moved);
  }

  /** Drops the oldest entries beyond the limits. */
  evict(): void {
    while (this.knowns.size > this.limit) {
      const oldest = this.knowns.shift()!;
      remove(oldest.subject.known, oldest);
      this.forgetIfEmpty(oldest.subject);
    }
    while (this.similars.size > this.limit) {
      const oldest = this.similars.shift()!;
      remove(oldest.subject.similar, oldest);
      this.forgetIfEmpty(oldest.subject);
    }
  }

  // ---- whole cache -------------------------------------------------------------------------------

  bucketsInOrder(): Iterable<BucketEntry> {
    return this.buckets;
  }

  similarInOrder(): Iterable<SimilarEntry> {
    return this.similars;
  }

  knownInOrder(): Iterable<KnownEntry> {
    return this.knowns;
  }

  clear(): void {
    this.subjects.clear();
    this.buckets.clear();
    this.similars.clear();
    this.knowns.clear();
  }

  private forgetIfEmpty(subject: Subject): void {
    if (subject.bucket || subject.similar.length || subject.known.length) return;
    const ofSource = this.subjects.get(subject.source);
    if (ofSource?.get(subject.id) === subject) {
      ofSource.delete(subject.id);
      if (!ofSource.size) this.subjects.delete(subject.source);
    }
  }
}

function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
