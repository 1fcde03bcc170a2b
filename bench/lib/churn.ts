// Cluster churn for the dashboard benchmark: pods of random Deployments are deleted (and replaced
// by their ReplicaSets, scheduled, started) at a pace adjusted every second so the store sees about
// `target` pod changes per wall second.
import type { Pod } from '../../src/api/types.js';
import type { Cluster } from '../../src/cluster.js';
import { selectorFromSet } from '../../src/api/labels.js';
import { namespaceOf, type EnvelopeSize } from './envelope.js';

export class Churn {
  /** Pod watch events seen since start. */
  changes = 0;
  deletions = 0;
  private perTick = 10;
  private windowChanges = 0;
  private windowStart = performance.now();
  private readonly startedAt = performance.now();
  private seed = 12345;
  private readonly timer: NodeJS.Timeout;
  private readonly unwatch: () => void;

  constructor(
    private readonly cluster: Cluster,
    private readonly size: EnvelopeSize,
    private readonly target = 1000,
    tickMs = 100,
  ) {
    this.unwatch = cluster.store.watch({ kind: 'Pod' }, () => {
      this.changes++;
      this.windowChanges++;
    });
    this.timer = setInterval(() => this.tick(), tickMs);
  }

  private random(n: number): number {
    // xorshift32: the benchmark's own sequence, so the cluster's seeded randomness is untouched.
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed % n;
  }

  private tick(): void {
    const now = performance.now();
    if (now - this.windowStart >= 1000) {
      const rate = (this.windowChanges * 1000) / (now - this.windowStart);
      if (rate > 0) this.perTick = Math.max(1, Math.min(200, Math.round(this.perTick * Math.min(2, this.target / rate))));
      this.windowChanges = 0;
      this.windowStart = now;
    }
    for (let i = 0; i < this.perTick; i++) {
      const d = this.random(this.size.deployments);
      const pods = this.cluster.store.list<Pod>('Pod', { namespace: namespaceOf(d, this.size), labelSelector: selectorFromSet({ app: `app-${d}` }) }).filter((p) => !p.metadata.deletionTimestamp);
      if (!pods.length) continue;
      const pod = pods[this.random(pods.length)];
      this.cluster.store.delete('Pod', pod.metadata.namespace, pod.metadata.name!);
      this.deletions++;
    }
  }

  /** Pod changes per wall second since start. */
  rate(): number {
    return (this.changes * 1000) / (performance.now() - this.startedAt);
  }

  stop(): void {
    clearInterval(this.timer);
    this.unwatch();
  }
}
