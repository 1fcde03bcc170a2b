// The Kubernetes envelope as a benchmark workload: N nodes and D Deployments of R replicas spread
// over a few namespaces, applied at once, run until every pod is Running and Ready.
import type { Deployment } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import type { BenchContext } from './caseTypes.js';
import { InvariantSampler } from './invariantSampler.js';
import { PodCensus } from './podCensus.js';

export interface EnvelopeSize {
  nodes: number;
  deployments: number;
  replicas: number;
  namespaces: number;
}

/** 5,000 nodes and 150,000 pods: what Kubernetes publishes as its supported envelope. */
export const ENVELOPE: EnvelopeSize = { nodes: 5000, deployments: 1500, replicas: 100, namespaces: 15 };
export const QUICK_ENVELOPE: EnvelopeSize = { nodes: 20, deployments: 12, replicas: 5, namespaces: 3 };

/**
 * The size a case runs at: the envelope, the quick one, or (for profiling a case at a size between)
 * KUBESIM_BENCH_SIZE=NODES,DEPLOYMENTS,REPLICAS.
 */
export function envelopeSize(ctx: BenchContext): EnvelopeSize {
  const custom = process.env.KUBESIM_BENCH_SIZE?.split(',').map(Number);
  if (custom?.length === 3 && custom.every((n) => Number.isInteger(n) && n > 0)) return { nodes: custom[0], deployments: custom[1], replicas: custom[2], namespaces: ENVELOPE.namespaces };
  return ctx.quick ? QUICK_ENVELOPE : ENVELOPE;
}

export function namespaceOf(i: number, size: EnvelopeSize): string {
  return `team-${(i % size.namespaces) + 1}`;
}

/** Deployment i: a small web server (50m CPU, 64Mi), 25% surge and unavailability (the defaults). */
export function envelopeDeployment(i: number, size: EnvelopeSize): Deployment {
  const app = `app-${i}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, namespace: namespaceOf(i, size), labels: { app } },
    spec: {
      replicas: size.replicas,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '50m', memory: '64Mi' } } }] },
      },
    },
  };
}

export interface LoadedEnvelope {
  cluster: Cluster;
  census: PodCensus;
  sampler: InvariantSampler;
  /** Wall seconds to build the cluster with its nodes. */
  startSeconds: number;
  /** Wall seconds from applying the Deployments to every pod Running and Ready (invariant checks excluded). */
  wallSeconds: number;
  /** Simulated seconds the same took. */
  virtualSeconds: number;
  /** Pods bound per second of time spent in the scheduler. */
  schedulerPodsPerSecond: number;
}

/** Wraps the scheduler's reconcile to add up the time it spends. */
export function timeScheduler(cluster: Cluster): { seconds: () => number } {
  const scheduler = cluster.scheduler as unknown as { reconcile(key: string): void };
  const original = scheduler.reconcile.bind(scheduler);
  let spent = 0;
  scheduler.reconcile = (key: string) => {
    const t = performance.now();
    try {
      original(key);
    } finally {
      spent += performance.now() - t;
    }
  };
  return { seconds: () => spent / 1000 };
}

/**
 * Runs the simulation in one-second steps until `done()`, logging progress every few wall seconds.
 * Throws when `limitSeconds` of simulated time pass first.
 */
export function runUntilDone(cluster: Cluster, ctx: BenchContext, done: () => boolean, progress: () => string, limitSeconds = 3600): number {
  const start = cluster.clock.now();
  let lastLog = performance.now();
  while (!done()) {
    if (cluster.clock.now() - start > limitSeconds * 1000) throw new Error(`not done after ${limitSeconds}s of simulated time: ${progress()}`);
    cluster.runUntil(cluster.clock.now() + 1000);
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      ctx.log(`t=${Math.round((cluster.clock.now() - start) / 1000)}s ${progress()}`);
    }
  }
  return (cluster.clock.now() - start) / 1000;
}

export function loadEnvelope(ctx: BenchContext, size = envelopeSize(ctx), checkShare = ctx.quick ? 1 : 0.1): LoadedEnvelope {
  let t = performance.now();
  const cluster = new Cluster({ nodes: size.nodes, seed: 1 });
  for (let n = 1; n <= size.namespaces; n++) cluster.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}` } });
  cluster.settle();
  const startSeconds = (performance.now() - t) / 1000;
  ctx.log(`cluster with ${size.nodes} nodes built in ${startSeconds.toFixed(1)} s`);

  const census = new PodCensus(cluster);
  const sampler = new InvariantSampler(cluster, checkShare);
  const scheduler = timeScheduler(cluster);
  const want = size.deployments * size.replicas;
  t = performance.now();
  cluster.store.transaction(() => {
    for (let i = 0; i < size.deployments; i++) cluster.store.create(envelopeDeployment(i, size));
  });
  const virtualSeconds = runUntilDone(cluster, ctx, () => census.ready === want && census.total === want, () => `${census.total} pods, ${census.bound} bound, ${census.ready} ready`);
  sampler.check();
  const wallSeconds = (performance.now() - t - sampler.spentMs) / 1000;
  const schedulerPodsPerSecond = census.bound / Math.max(1e-9, scheduler.seconds());
  return { cluster, census, sampler, startSeconds, wallSeconds, virtualSeconds, schedulerPodsPerSecond };
}
