// A rolling update of every Deployment of the envelope at once (a new image), until each rollout is
// complete and the old pods are gone; the maxSurge / maxUnavailable bounds are held at every settled
// instant, and the invariants are checked on the way.
import type { Deployment } from '../../src/api/types.js';
import type { BenchCase } from '../lib/caseTypes.js';
import { envelopeSize, loadEnvelope, runUntilDone } from '../lib/envelope.js';
import { RolloutBounds } from '../lib/rolloutBounds.js';
import { peakRssMiB, round } from '../lib/stats.js';

export const benchCase: BenchCase = {
  name: 'rollout',
  description: 'the envelope, then a rolling update of every Deployment at once, within maxSurge and maxUnavailable',
  async run(ctx) {
    const size = envelopeSize(ctx);
    const env = loadEnvelope(ctx, size);
    const { cluster, census, sampler } = env;
    ctx.log(`envelope loaded in ${env.wallSeconds.toFixed(1)} s; rolling out a new image to ${size.deployments} Deployments`);
    const bounds = new RolloutBounds(cluster);
    const checkedBefore = sampler.spentMs;
    const t = performance.now();
    const deployments = cluster.store.list<Deployment>('Deployment').filter((d) => d.metadata.name?.startsWith('app-'));
    cluster.store.transaction(() => {
      for (const d of deployments) {
        cluster.store.modify<Deployment>('Deployment', d.metadata.namespace, d.metadata.name!, (draft) => {
          draft.spec!.template.spec!.containers[0].image = 'nginx:1.28';
        });
      }
    });
    const want = size.deployments * size.replicas;
    const complete = () => {
      if (census.total !== want || census.ready !== want) return false;
      for (const d of deployments) {
        const now = cluster.store.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name!)!;
        const st = now.status ?? {};
        if (st.observedGeneration !== now.metadata.generation || st.updatedReplicas !== size.replicas || st.availableReplicas !== size.replicas || st.replicas !== size.replicas) return false;
      }
      return true;
    };
    const virtualSeconds = runUntilDone(cluster, ctx, complete, () => `${census.total} pods, ${census.ready} ready`);
    sampler.check();
    bounds.stop();
    const wallSeconds = (performance.now() - t - (sampler.spentMs - checkedBefore)) / 1000;
    const rss = peakRssMiB();
    ctx.log(`rollout of ${size.deployments} Deployments complete in ${wallSeconds.toFixed(1)} s of wall time (${virtualSeconds} s simulated)`);
    ctx.log(`bounds held at ${bounds.checks} Deployment checks: at most ${bounds.worstSurge} pods above replicas (maxSurge ${Math.ceil(size.replicas / 4)}), at most ${bounds.worstUnavailable} unavailable (maxUnavailable ${Math.floor(size.replicas / 4)})`);
    ctx.log(`peak RSS ${rss} MiB; ${sampler.describe()}`);
    return { wallSeconds: round(wallSeconds, 1), peakRssMiB: rss, virtualSeconds, deployments: size.deployments, pods: want, maxSurgeSeen: bounds.worstSurge, maxUnavailableSeen: bounds.worstUnavailable };
  },
};
