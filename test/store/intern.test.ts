// The store keeps the parts many pods hold equal once (intern.ts), without that being visible: a
// pod's JSON is what was written, and no object is held twice within one pod (a YAML printer would
// write it as an anchor and an alias).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import YAML from 'yaml';
import type { KObject } from '../../src/api/object.js';
import type { Pod } from '../../src/api/types.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { Store } from '../../src/store/store.js';
import { repeatedObjects } from '../helpers/repeatedObjects.js';

const probe = { httpGet: { path: '/healthz', port: 80 } };
const resources = { requests: { cpu: '10m', memory: '16Mi' } };

function podFrom(name: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', generateName: 'web-7c5d-', labels: { app: 'web' } },
    spec: {
      nodeSelector: { app: 'web' },
      containers: [
        { name: 'a', image: 'nginx:1.27', resources: structuredClone(resources), readinessProbe: structuredClone(probe), livenessProbe: structuredClone(probe), volumeMounts: [{ name: `token-${name}`, mountPath: '/var/run/secrets' }] },
        { name: 'b', image: 'nginx:1.27', resources: structuredClone(resources) },
      ],
      volumes: [{ name: `token-${name}`, projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
    },
  };
}


test('pods share equal parts with each other but never hold one instance twice', () => {
  const store = new Store(new VirtualClock(), new SeededRandom(3));
  const a = store.create(podFrom('web-a'), { trusted: true }) as Pod;
  const b = store.create(podFrom('web-b'), { trusted: true }) as Pod;
  assert.deepEqual(JSON.parse(JSON.stringify(a.spec)), JSON.parse(JSON.stringify(podFrom('web-a').spec)));
  const [ca, cb] = [a.spec!.containers, b.spec!.containers];
  // Across pods: shared.
  assert.equal(ca[0].resources, cb[0].resources);
  assert.equal(ca[0].readinessProbe, cb[0].readinessProbe);
  assert.equal(a.metadata.labels, b.metadata.labels);
  assert.equal(a.spec!.volumes![0].projected, b.spec!.volumes![0].projected);
  assert.equal(a.metadata.generateName, 'web-7c5d-');
  // Within one pod: equal parts stay apart (labels and nodeSelector, two resources, two probes).
  for (const pod of [a, b]) {
    assert.equal(repeatedObjects(pod), 0);
    assert.doesNotMatch(YAML.stringify(pod, { lineWidth: 0 }), /(^|\s)[&*]a\d+\b/m);
    assert.notEqual(pod.spec!.containers[0].resources, pod.spec!.containers[1].resources);
    assert.notEqual(pod.spec!.containers[0].readinessProbe, pod.spec!.containers[0].livenessProbe);
    assert.notEqual(pod.metadata.labels, pod.spec!.nodeSelector);
  }
});

test('a new version keeps what it shares with the stored one and still holds nothing twice', () => {
  const store = new Store(new VirtualClock(), new SeededRandom(3));
  store.create(podFrom('web-a'), { trusted: true });
  const before = store.get<Pod>('Pod', 'default', 'web-a')!;
  // Binding-like: only nodeName changes; then a second container gets the first one's resources.
  store.modify<Pod>('Pod', 'default', 'web-a', (d) => void (d.spec!.nodeName = 'node-1'), { trusted: true });
  const bound = store.get<Pod>('Pod', 'default', 'web-a')!;
  assert.equal(bound.spec!.containers, before.spec!.containers);
  assert.equal(bound.spec!.volumes, before.spec!.volumes);
  store.modify<Pod>('Pod', 'default', 'web-a', (d) => void (d.spec!.containers = [d.spec!.containers[0], { name: 'c', image: 'busybox', resources: structuredClone(resources), readinessProbe: structuredClone(probe) }]), { trusted: true });
  const changed = store.get<Pod>('Pod', 'default', 'web-a')!;
  assert.equal(changed.spec!.containers[0], bound.spec!.containers[0]);
  assert.equal(repeatedObjects(changed), 0);
  assert.deepEqual(changed.spec!.containers[1].resources, resources);
});
