// The shared work queue: every controller, the scheduler and the kubelets put keys here, and the
// simulation loop drains it. A key queued twice before it is processed is processed once
// (level-triggered: the reconcile reads the current state, not the event that queued it).

export interface WorkItem {
  owner: Reconciler;
  key: string;
}

export interface Reconciler {
  /** The component name shown in the decision log (`deployment-controller`). */
  readonly name: string;
  reconcile(key: string): void;
}

export class WorkQueue {
  private items: WorkItem[] = [];
  private head = 0;
  private readonly pending = new Map<Reconciler, Set<string>>();

  add(owner: Reconciler, key: string): void {
    let keys = this.pending.get(owner);
    if (!keys) this.pending.set(owner, (keys = new Set()));
    if (keys.has(key)) return;
    keys.add(key);
    this.items.push({ owner, key });
  }

  get length(): number {
    return this.items.length - this.head;
  }

  /** Takes the oldest item; its key may be queued again while it is processed. */
  take(): WorkItem | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.pending.get(item.owner)?.delete(item.key);
    return item;
  }

  /** The next item without taking it (for the dashboard's single step). */
  peek(): WorkItem | undefined {
    return this.items[this.head];
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.pending.clear();
  }
}
