import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RootCACertPublisher } from '../../src/controllers/rootCACertPublisher.js';
import { Harness } from './harness.js';

const bundleIn = (h: Harness, ns: string): string | undefined => h.store.get('ConfigMap', ns, 'kube-root-ca.crt')?.data?.['ca.crt'];

test('every namespace gets kube-root-ca.crt with the same CA bundle', () => {
  const h = new Harness([RootCACertPublisher]);
  const bundle = bundleIn(h, 'default');
  assert.match(bundle ?? '', /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END CERTIFICATE-----\n$/);
  for (const ns of ['kube-system', 'kube-public', 'kube-node-lease']) assert.equal(bundleIn(h, ns), bundle);
  h.namespace('dev');
  h.settle();
  assert.equal(bundleIn(h, 'dev'), bundle);
  assert.match(h.store.get('ConfigMap', 'dev', 'kube-root-ca.crt')!.metadata.annotations!['kubernetes.io/description'], /^Contains a CA bundle/);
  assert.equal(h.decisions.query({ component: 'root-ca-cert-publisher' }).at(-1)!.action, 'published configmap dev/kube-root-ca.crt');
});

test('a deleted or edited bundle is put back', () => {
  const h = new Harness([RootCACertPublisher]);
  const bundle = bundleIn(h, 'default');
  h.store.delete('ConfigMap', 'default', 'kube-root-ca.crt');
  h.settle();
  assert.equal(bundleIn(h, 'default'), bundle);
  h.store.modify('ConfigMap', 'default', 'kube-root-ca.crt', (cm) => {
    cm.data = { 'ca.crt': 'tampered' };
  });
  h.settle();
  assert.equal(bundleIn(h, 'default'), bundle);
  assert.equal(h.decisions.query({ component: 'root-ca-cert-publisher' }).at(-1)!.action, 'restored configmap default/kube-root-ca.crt');
});

test('the bundle is drawn from the seed', () => {
  assert.equal(bundleIn(new Harness([RootCACertPublisher], { seed: 5 }), 'default'), bundleIn(new Harness([RootCACertPublisher], { seed: 5 }), 'default'));
  assert.notEqual(bundleIn(new Harness([RootCACertPublisher], { seed: 5 }), 'default'), bundleIn(new Harness([RootCACertPublisher], { seed: 6 }), 'default'));
});
