import { loadManifestText } from '../src/manifests/load.js';
const N = 400000;
const texts: Record<string, string> = {
  a: '{ metadata: { name: api }, kind: Pod }\ndeep: ' + '['.repeat(200000) + ']'.repeat(200000),
  close: 'a: x\n' + ']'.repeat(N), brace: 'a: x\n' + '}'.repeat(N), commas: 'a: [' + ','.repeat(N) + ']', colons: 'a: ' + ':'.repeat(N),
  colons2: 'a: {' + ': '.repeat(N/2) + '}', dashes: '- '.repeat(N/2), q: '? '.repeat(N/2), anchors: 'a: ' + '&a '.repeat(N/3) + 'x', tags: 'a: ' + '!t '.repeat(N/3) + 'x',
  flowclose: 'a: [' + ']'.repeat(N), lines: 'a: x\n'.repeat(N/5), dupkeys: 'a: 1\n'.repeat(N/5), keys: Array.from({length: N/10}, (_, i) => `k${i}: ${i}`).join('\n'),
  seqerrs: 'a:\n' + '  - x\n b\n'.repeat(N/10), indent: 'a:\n' + Array.from({length: 20000}, (_, i) => ' '.repeat(i % 50) + 'x: 1').join('\n'),
  quotes: 'a: "' + '\\'.repeat(N) + '"', single: "a: '" + "''".repeat(N/2) + "'", aliases: 'a: &a x\nb: [' + '*a, '.repeat(N/4) + ']',
  docs: '---\n'.repeat(N/4), ellipsis: '...\n'.repeat(N/4), directives: '%YAML 1.2\n'.repeat(N/10), comments: '#\n'.repeat(N/2),
  blockscalars: 'a: |\n' + '  x\n'.repeat(N/4), mixed: 'a: [{b: [{c: '.repeat(30) + ']}'.repeat(N / 2),
};
for (const [k, t] of Object.entries(texts)) {
  const s = performance.now();
  let msg = 'ok';
  try { loadManifestText(t, 'f.yaml'); } catch (e) { msg = (e as Error).message.slice(0, 120).replace(/\n/g, ' | '); }
  console.log(k.padEnd(12), (performance.now() - s).toFixed(0).padStart(6), 'ms', msg);
}
