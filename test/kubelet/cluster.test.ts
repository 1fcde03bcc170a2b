// The kubelets inside the whole cluster: scheduler, controllers and kubelets together.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster.js';
import { summarizePod } from '../../src/printers/podStatus.js';

function pods(c: Cluster, prefix: string): Pod[] {
  return c.store.list<Pod>('Pod').filter((p) => p.metadata.name!.startsWith(prefix));
}

describe('kubelets in a full cluster', () => {
  it('run a Deployment to Ready and a Job to completion', () => {
    const c = new Cluster({ nodes: 3, seed: 7 });
    c.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 } } }] } } },
    });
    c.store.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } } },
    });
    c.advance(60_000);
    const web = pods(c, 'web-');
    assert.equal(web.length, 3);
    assert.deepEqual(web.map((p) => summarizePod(p).status), ['Running', 'Running', 'Running']);
    assert.equal(new Set(web.map((p) => p.status!.podIP)).size, 3);
    const [pi] = pods(c, 'pi-');
    assert.equal(pi.status!.phase, 'Succeeded');
    const log = c.kubelets.logs('default', pi.metadata.name!);
    assert.ok(log[1].startsWith('3.14159'), log[1]);
    assert.equal(log[2], '[kubesim] container pi exited with code 0 (Completed) after 10s');
  });

  it('a node whose kubelet stops goes Unknown; its evicted pod stays Terminating until the kubelet returns', () => {
    const c = new Cluster({ nodes: 3, seed: 7 });
    c.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    });
    c.advance(30_000);
    const victim = pods(c, 'web-')[0];
    const node = victim.spec!.nodeName!;
    c.kubelets.stopNode(node);
    c.advance(400_000);
    const ready = c.store.get<Node>('Node', undefined, node)!.status!.conditions!.find((x) => x.type === 'Ready')!;
    assert.equal(ready.status, 'Unknown');
    const stuck = c.store.get<Pod>('Pod', 'default', victim.metadata.name!);
    assert.ok(stuck?.metadata.deletionTimestamp, 'evicted after the 300s toleration');
    assert.equal(summarizePod(stuck!).status, 'Terminating');
    c.kubelets.startNode(node);
    c.advance(30_000);
    assert.equal(c.store.get<Pod>('Pod', 'default', victim.metadata.name!), undefined, 'the returning kubelet finishes the deletion');
    const back = c.store.get<Node>('Node', undefined, node)!.status!.conditions!.find((x) => x.type === 'Ready')!;
    assert.deepEqual([back.status, back.reason], ['True', 'KubeletReady']);
    assert.equal(pods(c, 'web-').filter((p) => summarizePod(p).status === 'Running').length, 3);
  });
});
