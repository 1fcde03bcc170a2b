// Child process for the kill -9 test: saves two different clusters to one state file, alternately,
// as fast as it can, until it is killed (the same atomic write writeStateFile does). It prints each state's clock once before it starts.
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestPaths } from '../../src/manifests/load.js';
import { captureState } from '../../src/state/clusterState.js';
import { writeFileAtomic } from '../../src/state/atomicWrite.js';
import { encodeState } from '../../src/state/format.js';

const path = process.argv[2];
function build(seed: number, seconds: number) {
  const cluster = new Cluster({ seed, nodes: 20 });
  applyManifests(cluster.store, loadManifestPaths(['fixtures/manifests/web']).manifests);
  cluster.store.modify('Deployment', 'default', 'web', (d) => {
    d.spec.replicas = 60;
  });
  cluster.advance(seconds * 1000);
  return captureState(cluster, { seed });
}
const a = build(1, 30);
const b = build(2, 90);
process.stdout.write(`ready ${a.cluster.now} ${b.cluster.now}\n`);
// Encoded once: the loop spends its time writing, so a kill most likely lands mid-write.
const texts = [encodeState(a), encodeState(b)];
for (let i = 0; ; i++) writeFileAtomic(path, texts[i % 2]);
