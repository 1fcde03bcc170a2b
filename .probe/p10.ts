import { Cluster } from '../src/cluster.js';
import { loadManifestText } from '../src/manifests/load.js';
import { applyManifests } from '../src/manifests/apply.js';
const text = `apiVersion: v1
kind: Secret
metadata: {name: s}
stringData: {a: b}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {a: b}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'echo $X $Y; sleep 1000']
    env:
    - {name: X, valueFrom: {secretKeyRef: {name: s, key: constructor}}}
    - {name: Y, valueFrom: {configMapKeyRef: {name: c, key: toString}}}
`;
const c = new Cluster({ seed: 1 });
applyManifests(c.store, loadManifestText(text, 'f.yaml').manifests);
try { c.advance(60_000); console.log(JSON.stringify(c.store.get('Pod', 'default', 'p')?.status?.containerStatuses)); console.log(c.kubelets.logs('default', 'p', 'c')); } catch (e) { console.log('CRASH', (e as Error).stack?.slice(0, 800)); }
for (const d of c.decisions.query({ limit: 50 })) if (JSON.stringify(d.object).includes('"p"') || /error|fail/i.test(d.action + d.reason)) console.log(d.component, d.action, '|', d.reason.slice(0, 300));
