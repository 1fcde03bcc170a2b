import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event, PersistentVolumeClaim, Pod } from '../../src/api/types.js';
import { playShipped, runTo } from '../scenario/helpers.js';

/** Events about the pod and its claim, in the order they were created. */
function history(events: Event[], names: string[]): string[] {
  return events
    .filter((e) => names.includes(e.involvedObject.name!))
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.involvedObject.kind}/${e.reason}`);
}

test('a StatefulSet pod with a WaitForFirstConsumer claim is bound only once its volume is: no FailedMount', () => {
  const { cluster } = playShipped('default');
  runTo(cluster, 60);
  const pod = cluster.store.get<Pod>('Pod', 'default', 'db-0')!;
  const claim = cluster.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data-db-0')!;
  assert.equal(pod.status?.phase, 'Running');
  assert.equal(claim.status?.phase, 'Bound');
  assert.equal(claim.metadata.annotations?.['volume.kubernetes.io/selected-node'], pod.spec!.nodeName);

  const events = history(cluster.store.list<Event>('Event', { namespace: 'default' }), ['db-0', 'data-db-0']);
  assert.ok(!events.includes('Pod/FailedMount'), events.join(', '));
  const at = (e: string) => events.indexOf(e);
  assert.ok(at('PersistentVolumeClaim/Provisioning') >= 0);
  assert.ok(at('PersistentVolumeClaim/Provisioning') < at('PersistentVolumeClaim/ProvisioningSucceeded'), events.join(', '));
  assert.ok(at('PersistentVolumeClaim/ProvisioningSucceeded') < at('Pod/Scheduled'), events.join(', '));
  assert.ok(at('Pod/Scheduled') < at('Pod/Pulling'), events.join(', '));

  // The scheduler said why the pod waited, then bound it once the claim was Bound.
  const said = cluster.decisions.query({ object: { kind: 'Pod', namespace: 'default', name: 'db-0' } }).filter((d) => d.component === 'default-scheduler');
  assert.deepEqual(said.map((d) => d.action), [`waiting for volumes on ${pod.spec!.nodeName}`, `bound to ${pod.spec!.nodeName}`]);
  assert.equal((said[1].time - said[0].time) / 1000, 2, 'the simulated provisioner takes 2s');
});
