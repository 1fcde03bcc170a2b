// The header's summary kept from watch events equals a count over every node and pod.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { milliValue, parseQuantity, value } from '../../src/api/quantity.js';
import type { Node, Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { summarizeCluster } from '../../src/ui/model/clusterSummary.js';

function fromScratch(cluster: Cluster) {
  const q = (t: unknown, milli: boolean) => (t === undefined ? 0 : milli ? milliValue(parseQuantity(t as string)) : value(parseQuantity(t as string)));
  const s = { nodes: 0, readyNodes: 0, pods: 0, runningPods: 0, cpuAllocatableMilli: 0, cpuRequestedMilli: 0, cpuUsedMilli: 0, memoryAllocatable: 0, memoryRequested: 0, memoryUsed: 0 };
  for (const node of cluster.store.list<Node>('Node')) {
    s.nodes++;
    if (node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) s.readyNodes++;
    s.cpuAllocatableMilli += q(node.status?.allocatable?.cpu, true);
    s.memoryAllocatable += q(node.status?.allocatable?.memory, false);
  }
  for (const pod of cluster.store.list<Pod>('Pod')) {
    s.pods++;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    if (phase === 'Running') s.runningPods++;
    if (!pod.spec?.nodeName) continue;
    for (const c of pod.spec.containers ?? []) {
      s.cpuRequestedMilli += q(c.resources?.requests?.cpu, true);
      s.memoryRequested += q(c.resources?.requests?.memory, false);
    }
    const usage = cluster.usage.podUsage(pod);
    if (usage) {
      s.cpuUsedMilli += usage.cpuMilli;
      s.memoryUsed += usage.memoryBytes;
    }
  }
  return s;
}

test('the summary follows pods and nodes as they come, change and go', () => {
  const cluster = new Cluster({ nodes: 3, seed: 2 });
  summarizeCluster(cluster); // starts following before anything happens
  cluster.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '250m', memory: '128Mi' } } }] } } } });
  cluster.store.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '5'], resources: { requests: { cpu: '100m' } } }] } } } });
  for (let t = 0; t < 40; t++) {
    cluster.advance(1500);
    if (t === 10) cluster.store.modify('Deployment', 'default', 'web', (d) => { d.spec.replicas = 2; });
    if (t === 20) cluster.store.delete('Node', undefined, 'node-3');
    assert.deepEqual(summarizeCluster(cluster), fromScratch(cluster), `at step ${t}`);
  }
  assert.equal(summarizeCluster(cluster).nodes, 2);
});
