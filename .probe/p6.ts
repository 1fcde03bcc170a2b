import { loadManifestText } from '../src/manifests/load.js';
for (const [name, text] of [
  ['flow', 'a: ' + '['.repeat(100000) + ']'.repeat(100000)],
  ['flowmap', 'a: ' + '{a: '.repeat(100000) + '1' + '}'.repeat(100000)],
  ['block', 'foo:\n' + Array.from({length: 1500}, (_, i) => ' '.repeat(i+1) + 'a:').join('\n') + ' 1'],
  ['seq', 'a:\n' + '- '.repeat(5000) + 'x'],
  ['ok99', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nx: ' + '['.repeat(98) + ']'.repeat(98)],
  ['alias-deep', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\na: &a ' + '['.repeat(60) + ']'.repeat(60) + '\nb: &b ' + '['.repeat(60) + '*a' + ']'.repeat(60)],
  ['complexkey', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {? [a, b] : c}\n'],
  ['merge', 'apiVersion: v1\nkind: ConfigMap\nbase: &b {name: x}\nmetadata: {<<: *b}\n'],
  ['mergebad', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {<<: 5}\n'],
  ['binary', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nbinaryData: {a: !!binary aGVsbG8=}\n'],
  ['set', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: !!set {a, b}\n'],
  ['10MB', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: "' + 'x'.repeat(10*1024*1024) + '"\n'],
  ['10MB-2nd', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\n---\n# c\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: "' + 'é'.repeat(2*1024*1024) + '"\n'],
] as const) {
  const t = performance.now();
  try { const r = loadManifestText(text, 'f.yaml'); console.log(name, 'OK', r.manifests.length, JSON.stringify(r.manifests[0]?.object).slice(0, 150)); }
  catch (e) { console.log(name, (e as Error).name, (e as Error).message.slice(0, 250)); }
  console.log('   ', (performance.now() - t).toFixed(0), 'ms');
}
