// replicas: 2147483647 is valid; creating them all would take the machine down. kubesim holds a
// bounded number of pods and refuses the rest with a message that says why (the ReplicaSet
// controller records it and retries). bench/cases/fuzz.ts runs the whole 2147483647-replica case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KObject } from '../../src/api/object.js';
import type { AdmissionRequest } from '../../src/store/admission.js';
import { podCapacity, podCapacityAdmission } from '../../src/store/admission/podCapacity.js';
import type { Store } from '../../src/store/store.js';

function request(pods: number, nodes: number, object: KObject, operation: AdmissionRequest['operation'] = 'CREATE'): AdmissionRequest {
  const store = { count: (kind: string) => (kind === 'Pod' ? pods : kind === 'Node' ? nodes : 0) } as unknown as Store;
  return { operation, object, dryRun: false, store };
}

const pod: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'huge-7467d7c587-', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

test('the pod capacity: 110 a node, twice over, at least 5,000', () => {
  assert.equal(podCapacity(0), 5000);
  assert.equal(podCapacity(3), 5000);
  assert.equal(podCapacity(100), 22_000);
  assert.equal(podCapacity(5000), 1_100_000);
});

test('a pod past the capacity is refused with the reason; below it, and other kinds and updates, pass', () => {
  assert.throws(() => podCapacityAdmission.validate!(request(5000, 3, pod)), {
    message: 'pods "huge-7467d7c587-" is forbidden: kubesim holds at most 5000 pods in a cluster of 3 nodes (110 a node, 2 times over, and at least 5000): delete or scale down workloads first',
  });
  assert.doesNotThrow(() => podCapacityAdmission.validate!(request(4999, 3, pod)));
  assert.doesNotThrow(() => podCapacityAdmission.validate!(request(5000, 3, pod, 'UPDATE')));
  assert.doesNotThrow(() => podCapacityAdmission.validate!(request(5000, 3, { ...pod, kind: 'ConfigMap' })));
  assert.throws(() => podCapacityAdmission.validate!(request(22_000, 100, pod)), /at most 22000 pods in a cluster of 100 nodes/);
});
