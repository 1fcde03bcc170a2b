// The Kubernetes envelope: 5,000 nodes, 1,500 Deployments × 100 replicas (150,000 pods) applied at
// once, until every pod is Running and Ready; invariants checked while it loads.
import type { BenchCase } from '../lib/caseTypes.js';
import { envelopeSize, loadEnvelope } from '../lib/envelope.js';
import { peakRssMiB, round } from '../lib/stats.js';

export const benchCase: BenchCase = {
  name: 'envelope',
  description: 'N nodes, D Deployments × R replicas applied at once, until every pod is Running and Ready',
  async run(ctx) {
    const size = envelopeSize(ctx);
    const env = loadEnvelope(ctx, size);
    const pods = size.deployments * size.replicas;
    const rss = peakRssMiB();
    ctx.log(`${pods} pods on ${size.nodes} nodes Running and Ready in ${env.wallSeconds.toFixed(1)} s of wall time (${env.virtualSeconds} s simulated)`);
    ctx.log(`scheduler: ${Math.round(env.schedulerPodsPerSecond)} pods/s of scheduler time (${(1000 / env.schedulerPodsPerSecond).toFixed(3)} ms per pod)`);
    ctx.log(`peak RSS ${rss} MiB (${round((rss * 1024) / pods, 1)} KiB per pod); ${env.cluster.store.count('Event')} Events, ${env.cluster.reconciles} reconciles`);
    ctx.log(env.sampler.describe());
    return {
      wallSeconds: round(env.wallSeconds, 1),
      peakRssMiB: rss,
      schedulerPodsPerSecond: Math.round(env.schedulerPodsPerSecond),
      pods,
      nodes: size.nodes,
      startSeconds: round(env.startSeconds, 1),
      virtualSeconds: env.virtualSeconds,
    };
  },
};
