import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, kindInfo, resolveKind } from '../../src/api/kinds.js';

// What `kubectl api-resources` prints for every kind issue 2 names: NAME SHORTNAMES APIVERSION NAMESPACED KIND.
const API_RESOURCES: Array<[string, string[], string, boolean, string]> = [
  ['namespaces', ['ns'], 'v1', false, 'Namespace'],
  ['nodes', ['no'], 'v1', false, 'Node'],
  ['pods', ['po'], 'v1', true, 'Pod'],
  ['replicationcontrollers', ['rc'], 'v1', true, 'ReplicationController'],
  ['replicasets', ['rs'], 'apps/v1', true, 'ReplicaSet'],
  ['deployments', ['deploy'], 'apps/v1', true, 'Deployment'],
  ['statefulsets', ['sts'], 'apps/v1', true, 'StatefulSet'],
  ['daemonsets', ['ds'], 'apps/v1', true, 'DaemonSet'],
  ['jobs', [], 'batch/v1', true, 'Job'],
  ['cronjobs', ['cj'], 'batch/v1', true, 'CronJob'],
  ['horizontalpodautoscalers', ['hpa'], 'autoscaling/v2', true, 'HorizontalPodAutoscaler'],
  ['services', ['svc'], 'v1', true, 'Service'],
  ['endpoints', ['ep'], 'v1', true, 'Endpoints'],
  ['endpointslices', [], 'discovery.k8s.io/v1', true, 'EndpointSlice'],
  ['ingresses', ['ing'], 'networking.k8s.io/v1', true, 'Ingress'],
  ['configmaps', ['cm'], 'v1', true, 'ConfigMap'],
  ['secrets', [], 'v1', true, 'Secret'],
  ['persistentvolumes', ['pv'], 'v1', false, 'PersistentVolume'],
  ['persistentvolumeclaims', ['pvc'], 'v1', true, 'PersistentVolumeClaim'],
  ['storageclasses', ['sc'], 'storage.k8s.io/v1', false, 'StorageClass'],
  ['serviceaccounts', ['sa'], 'v1', true, 'ServiceAccount'],
  ['roles', [], 'rbac.authorization.k8s.io/v1', true, 'Role'],
  ['clusterroles', [], 'rbac.authorization.k8s.io/v1', false, 'ClusterRole'],
  ['rolebindings', [], 'rbac.authorization.k8s.io/v1', true, 'RoleBinding'],
  ['clusterrolebindings', [], 'rbac.authorization.k8s.io/v1', false, 'ClusterRoleBinding'],
  ['resourcequotas', ['quota'], 'v1', true, 'ResourceQuota'],
  ['limitranges', ['limits'], 'v1', true, 'LimitRange'],
  ['priorityclasses', ['pc'], 'scheduling.k8s.io/v1', false, 'PriorityClass'],
  ['events', ['ev'], 'v1', true, 'Event'],
];

describe('kinds registry', () => {
  it('registers every kind in scope once, as kubectl api-resources lists it', () => {
    for (const [plural, shortNames, apiVersion, namespaced, kind] of API_RESOURCES) {
      const info = kindInfo(kind);
      assert.ok(info, kind);
      assert.deepEqual(
        { plural: info.plural, singular: info.singular, shortNames: info.shortNames, apiVersion: info.apiVersion, namespaced: info.namespaced },
        { plural, singular: kind.toLowerCase(), shortNames, apiVersion, namespaced },
        kind,
      );
      assert.equal(KINDS.filter((k) => k.kind === kind).length, 1, `${kind} registered once`);
    }
  });

  it('resolves plural, singular, short names, group-qualified names and k9s aliases', () => {
    for (const name of ['deploy', 'deployments', 'Deployment', 'deployment', 'deployments.apps', 'dp']) assert.equal(resolveKind(name)?.kind, 'Deployment', name);
    assert.equal(resolveKind('po')?.kind, 'Pod');
    assert.equal(resolveKind('sec')?.kind, 'Secret');
    assert.equal(resolveKind('crb')?.kind, 'ClusterRoleBinding');
    assert.equal(resolveKind('hpa')?.kind, 'HorizontalPodAutoscaler');
    assert.equal(resolveKind('nosuchthing'), undefined);
  });
});
