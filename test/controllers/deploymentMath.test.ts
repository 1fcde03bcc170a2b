import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxSurge, maxUnavailable, resolveFenceposts, settingsOf } from '../../src/controllers/deployment/fenceposts.js';
import { computeHash, fnv32a, safeEncodeString } from '../../src/controllers/deployment/podTemplateHash.js';
import { proportionalPlan } from '../../src/controllers/deployment/proportionalScaling.js';
import { newReplicaSetTarget, oldReplicaSetsPlan } from '../../src/controllers/deployment/rollingUpdateStep.js';
import { setNewReplicaSetAnnotations } from '../../src/controllers/deployment/revisions.js';
import type { Deployment, ReplicaSet } from '../../src/api/types.js';
import { deployment } from './harness.js';

const rs = (name: string, replicas: number, available: number, created: number, maxReplicas?: number) => ({ name, replicas, available, created, maxReplicas });

describe('fenceposts', () => {
  it('rounds maxSurge up and maxUnavailable down', () => {
    assert.deepEqual(resolveFenceposts('25%', '25%', 10), { surge: 3, unavailable: 2 });
    assert.deepEqual(resolveFenceposts('25%', '25%', 1), { surge: 1, unavailable: 0 });
    assert.deepEqual(resolveFenceposts(3, 2, 10), { surge: 3, unavailable: 2 });
    assert.deepEqual(resolveFenceposts('10%', '10%', 4), { surge: 1, unavailable: 0 });
  });

  it('turns 0/0 (after rounding) into maxUnavailable 1', () => {
    assert.deepEqual(resolveFenceposts(0, '25%', 3), { surge: 0, unavailable: 1 });
  });

  it('has no surge or unavailability for Recreate, and caps unavailable at the replicas', () => {
    const recreate = settingsOf(deployment('web', 10, { strategy: { type: 'Recreate' } }));
    assert.equal(maxSurge(recreate), 0);
    assert.equal(maxUnavailable(recreate), 0);
    const tiny = settingsOf(deployment('web', 2, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 5 } } }));
    assert.equal(maxUnavailable(tiny), 2);
  });

  it('applies the apps/v1 defaults to a bare spec', () => {
    const s = settingsOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: {} } as Deployment);
    assert.deepEqual(s, {
      replicas: 1,
      strategy: 'RollingUpdate',
      maxSurge: '25%',
      maxUnavailable: '25%',
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      minReadySeconds: 0,
      paused: false,
    });
  });
});

describe('pod-template-hash', () => {
  it('is FNV-32a spelled with the 27-character alphabet', () => {
    assert.equal(fnv32a(new TextEncoder().encode('')), 0x811c9dc5);
    assert.equal(fnv32a(new TextEncoder().encode('a')), 0xe40c292c);
    assert.equal(fnv32a(new TextEncoder().encode('foobar')), 0xbf9cf968);
    assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  });

  it('is stable, 1–10 characters, and changes with the template and the collision count', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };
    const reordered = { spec: { containers: [{ image: 'nginx:1.25', name: 'web' }] }, metadata: { labels: { app: 'web' } } };
    const h = computeHash(template);
    assert.match(h, /^[456789bcdf]{1,10}$/);
    assert.equal(computeHash(reordered), h, 'key order does not matter');
    assert.equal(h, '59bd5955b7', 'the hash of a template never changes between versions of kubesim');
    assert.notEqual(computeHash({ ...template, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } }), h);
    assert.notEqual(computeHash(template, 1), h);
    assert.notEqual(computeHash(template, 1), computeHash(template, 2));
  });
});

describe('rolling update arithmetic', () => {
  const p = { replicas: 10, surge: 3, unavailable: 2 };

  it('grows the new replica set up to replicas + maxSurge', () => {
    assert.deepEqual(newReplicaSetTarget(p, 10, 0).to, 3);
    assert.equal(newReplicaSetTarget(p, 10, 0).reason, 'rolling update: 10 desired + maxSurge 3 = 13 allowed, 10 exist → +3');
    assert.equal(newReplicaSetTarget(p, 13, 3).to, 3);
    assert.equal(newReplicaSetTarget(p, 11, 3).to, 5);
    assert.equal(newReplicaSetTarget(p, 10, 9).to, 10, 'never past the desired count');
    assert.equal(newReplicaSetTarget(p, 12, 12).to, 10, 'an oversized new replica set comes down');
  });

  it('scales old replica sets down to minAvailable, unavailable pods first', () => {
    let plan = oldReplicaSetsPlan(p, [rs('old', 10, 10, 0)], rs('new', 3, 0, 1));
    assert.deepEqual(plan.steps.map((s) => [s.name, s.from, s.to, s.phase]), [['old', 10, 8, 'available']]);
    assert.deepEqual(plan.numbers, { allPods: 13, minAvailable: 8, newUnavailable: 3, maxScaledDown: 2, available: 10 });

    plan = oldReplicaSetsPlan(p, [rs('old', 8, 8, 0)], rs('new', 5, 0, 1));
    assert.deepEqual(plan.steps, []);
    assert.equal(plan.wait, '0 old pods may be removed: 13 pods − minAvailable 8 − 5 unavailable in the new replica set = 0');

    // Two old replica sets with unavailable pods: the oldest loses its unhealthy pods first.
    plan = oldReplicaSetsPlan(p, [rs('v2', 4, 1, 2), rs('v1', 6, 6, 1)], rs('v3', 3, 3, 3));
    assert.deepEqual(plan.steps.map((s) => [s.name, s.from, s.to, s.phase]), [
      ['v2', 4, 1, 'unhealthy'],
      ['v1', 6, 4, 'available'],
    ]);

    plan = oldReplicaSetsPlan(p, [rs('old', 8, 8, 0)], rs('new', 5, 5, 1));
    assert.deepEqual(plan.steps.map((s) => [s.from, s.to]), [[8, 3]]);
    assert.equal(plan.steps[0].reason, 'minAvailable 8 (10 − maxUnavailable 2); 13 available → 5 may go');
  });

  it('does not trust an old replica set whose status still counts pods it was told to remove', () => {
    const plan = oldReplicaSetsPlan(p, [rs('old', 8, 10, 0)], rs('new', 3, 3, 1));
    assert.deepEqual(plan.steps, []);
    assert.match(plan.wait!, /^waiting for replica set old to report its last scale-down/);
  });
});

describe('proportional scaling', () => {
  it('docs example: 10 → 15 replicas with old 8 and new 5 (maxSurge 3) gives 11 and 7', () => {
    const plan = proportionalPlan([rs('new', 5, 0, 2, 13), rs('old', 8, 8, 1, 13)], 15, 3, 13);
    assert.equal(plan.toAdd, 5);
    assert.deepEqual(plan.steps.map((s) => [s.name, s.from, s.to, s.share]), [
      ['old', 8, 11, 'round(8 × 18 / 13) − 8 = +3'],
      ['new', 5, 7, 'round(5 × 18 / 13) − 5 = +2'],
    ]);
  });

  it('scales down larger first, older first on ties, and gives the rounding leftover to the first', () => {
    const plan = proportionalPlan([rs('a', 5, 5, 1, 13), rs('b', 5, 0, 2, 13), rs('c', 3, 0, 3, 13)], 5, 1, 13);
    // allowed 6, current 13 → −7
    assert.equal(plan.toAdd, -7);
    assert.deepEqual(plan.steps.map((s) => s.name), ['a', 'b', 'c']);
    assert.equal(plan.steps.reduce((n, s) => n + s.to, 0), 6);
  });

  it('scales everything to zero when the deployment goes to 0', () => {
    const plan = proportionalPlan([rs('a', 5, 5, 1, 13), rs('b', 8, 0, 2, 13)], 0, 3, 13);
    assert.deepEqual(plan.steps.map((s) => s.to), [0, 0]);
  });
});

describe('revision annotations', () => {
  it('raises the revision of a reused replica set and appends its old number to revision-history', () => {
    const d = deployment('web', 3);
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'undo', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const old = { metadata: { name: 'web-x', annotations: { 'deployment.kubernetes.io/revision': '1' } } } as unknown as ReplicaSet;
    assert.equal(setNewReplicaSetAnnotations(d, old, 3, true, 3, 4), true);
    assert.deepEqual(old.metadata.annotations, {
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
      'kubernetes.io/change-cause': 'undo',
    });
    assert.equal(setNewReplicaSetAnnotations(d, old, 5, true, 3, 4), true);
    assert.equal(old.metadata.annotations!['deployment.kubernetes.io/revision-history'], '1,3');
    assert.equal(setNewReplicaSetAnnotations(d, old, 5, true, 3, 4), false, 'nothing left to change');
  });
});
