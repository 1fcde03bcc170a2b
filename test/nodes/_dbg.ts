import { makeCluster, runningPod, s } from './harness.js';
const c = makeCluster({ nodes: 3 });
c.store.create(runningPod('web-bare', 'node-2', { owner: { kind: 'ReplicaSet', name: 'web' } }), { trusted: true });
c.runTo(s(100));
c.kubelets.stop('node-2');
c.runTo(s(150));
for (const d of c.decisions.query({})) if (d.time >= s(140)) console.log(d.component, d.object.name, d.action, '|', d.reason);
console.log(JSON.stringify(c.pod('web-bare')?.metadata));
