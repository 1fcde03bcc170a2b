import { loadManifestText } from '../src/manifests/load.js';
const texts = {
  a: '{ metadata: { name: api }, kind: Pod }\ndeep: ' + '['.repeat(200000) + ']'.repeat(200000),
  b: '{\n  "kind": "Ingress"\n}\ndeep: ' + '['.repeat(200000) + ']'.repeat(200000),
  c: 'kind: Pod\ndeep: ' + '['.repeat(200000) + ']'.repeat(200000),
};
for (const [k, t] of Object.entries(texts)) {
  const s = performance.now();
  try { loadManifestText(t, 'f.yaml'); } catch (e) { console.log(k, (e as Error).message.slice(0, 200)); }
  console.log(k, performance.now() - s);
}
