import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Deployment, ReplicaSet, ResourceQuota } from '../../src/api/types.js';
import { authorize } from '../../src/rbac/index.js';
import { eventsFor, live, playShipped, pods, runTo } from './helpers.js';

test('rbac-quota: who may do what in team-a, and the quota refusing the fourth pod', () => {
  const { cluster, runner } = playShipped('rbac-quota');
  runTo(cluster, 59);
  const { store } = cluster;
  const can = (user: string, verb: string, resource: string, apiGroup = '', namespace = 'team-a') => authorize(store, { user, verb, resource, apiGroup, namespace }).allowed;
  assert.equal(can('jane', 'list', 'pods'), true);
  assert.equal(can('jane', 'get', 'pods'), true);
  assert.equal(can('jane', 'delete', 'pods'), false);
  assert.equal(can('jane', 'list', 'pods', '', 'default'), false, 'the ClusterRole applies only where the RoleBinding is');
  const deployer = 'system:serviceaccount:team-a:deployer';
  assert.equal(can(deployer, 'create', 'deployments', 'apps'), true);
  assert.equal(can(deployer, 'create', 'deployments', 'apps', 'default'), false);
  assert.equal(can(deployer, 'delete', 'pods'), false);

  // The LimitRange filled in requests; 2 of 3 pods, 400m of 1 CPU used.
  const quota = () => store.get<ResourceQuota>('ResourceQuota', 'team-a', 'team-quota')!;
  assert.deepEqual(quota().status?.used, { pods: '2', 'requests.cpu': '400m', 'requests.memory': '256Mi' });
  assert.deepEqual(live(pods(cluster, 'team-a'))[0].spec?.containers[0].resources?.requests, { cpu: '200m', memory: '128Mi' });

  // 1m: scaled to 5: the third pod fits, the fourth is refused.
  runTo(cluster, 150);
  assert.equal(live(pods(cluster, 'team-a')).length, 3);
  assert.equal(quota().status?.used?.pods, '3');
  const [rs] = store.list<ReplicaSet>('ReplicaSet', { namespace: 'team-a' });
  const refused = eventsFor(cluster, rs, 'FailedCreate');
  assert.equal(refused.length, 1);
  assert.equal(refused[0].type, 'Warning');
  assert.equal(refused[0].message, `Error creating: pods "${rs.metadata.name}-" is forbidden: exceeded quota: team-quota, requested: pods=1, used: pods=3, limited: pods=3`);
  assert.ok((refused[0].count ?? 1) > 1, 'the ReplicaSet keeps trying');
  const d = store.get<Deployment>('Deployment', 'team-a', 'web')!;
  assert.equal(d.status?.availableReplicas, 3);
  assert.equal(d.status?.replicas, 3);

  // 3m: back to 3: nothing more is refused.
  runTo(cluster, 200);
  const count = eventsFor(cluster, rs, 'FailedCreate')[0].count;
  runTo(cluster, 400);
  assert.equal(eventsFor(cluster, rs, 'FailedCreate')[0].count, count);
  assert.equal(live(pods(cluster, 'team-a')).length, 3);
  assert.ok(runner.finished);
});
