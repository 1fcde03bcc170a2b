import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertRejects, assertValid, messages } from './validationHelpers.js';

describe('HorizontalPodAutoscaler', () => {
  const hpa = (spec: Record<string, unknown>) => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, ...spec },
  });
  const cpu = (target: Record<string, unknown>) => [{ type: 'Resource', resource: { name: 'cpu', target } }];

  it('accepts a valid one', () => {
    assertValid(hpa({ metrics: cpu({ type: 'Utilization', averageUtilization: 50 }) }));
    assertValid(hpa({ metrics: [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '100' } } }] }));
    assertValid(hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: 120 } } }));
  });

  it('checks replica bounds', () => {
    assertRejects(hpa({ minReplicas: 2, maxReplicas: 1 }), 'spec.maxReplicas: Invalid value: 1: must be greater than or equal to `minReplicas`');
    assertRejects(hpa({ maxReplicas: 0 }), 'spec.maxReplicas: Invalid value: 0: must be greater than 0');
    assertRejects(hpa({ minReplicas: 0 }), 'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1');
  });

  it('requires the target reference', () => {
    assertRejects(hpa({ scaleTargetRef: { name: 'web' } }), 'spec.scaleTargetRef.kind: Required value');
    assertRejects(hpa({ scaleTargetRef: { kind: 'Deployment' } }), 'spec.scaleTargetRef.name: Required value');
    assertRejects(hpa({ scaleTargetRef: { kind: 'Deployment', name: 'a/b' } }), "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'");
  });

  it('checks metrics', () => {
    assertRejects(hpa({ metrics: cpu({ type: 'Utilization', averageUtilization: 0 }) }), 'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0');
    assertRejects(
      hpa({ metrics: cpu({ type: 'Utilization' }) }),
      'spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
    );
    assertRejects(hpa({ metrics: cpu({ type: 'Percent', averageUtilization: 50 }) }), 'spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue');
    assertRejects(hpa({ metrics: [{ type: 'Resource' }] }), 'spec.metrics[0].resource: Required value: must populate information for the given metric source');
    assertRejects(
      hpa({ metrics: [{ type: 'Custom' }] }),
      'spec.metrics[0].type: Unsupported value: "Custom": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
    );
    assertRejects(hpa({ metrics: cpu({ type: 'AverageValue', averageValue: '0' }) }), 'spec.metrics[0].resource.target.averageValue: Invalid value: 0: must be positive');
  });

  it('checks behavior', () => {
    assertRejects(
      hpa({ behavior: { scaleUp: { stabilizationWindowSeconds: 4000 } } }),
      'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600',
    );
    assertRejects(
      hpa({ behavior: { scaleDown: { policies: [{ type: 'Pods', value: 0, periodSeconds: 60 }] } } }),
      'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero',
    );
  });
});

describe('RBAC', () => {
  const role = (rules: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'default' }, rules });
  const binding = (body: Record<string, unknown>, kind = 'RoleBinding') => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name: 'read', namespace: kind === 'RoleBinding' ? 'default' : undefined },
    roleRef: { kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole', name: 'reader' },
    subjects: [{ kind: 'User', name: 'jane' }],
    ...body,
  });

  it('accepts valid roles and bindings', () => {
    assertValid(role([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]));
    assertValid(binding({ subjects: [{ kind: 'ServiceAccount', name: 'default' }, { kind: 'Group', name: 'devs' }] }));
    assertValid(binding({ subjects: [{ kind: 'ServiceAccount', name: 'ci', namespace: 'tools' }] }, 'ClusterRoleBinding'));
  });

  it('requires verbs, api groups and resources', () => {
    assertRejects(role([{ apiGroups: [''], resources: ['pods'] }]), 'rules[0].verbs: Required value: verbs must contain at least one value');
    assertRejects(role([{ resources: ['pods'], verbs: ['get'] }]), 'rules[0].apiGroups: Required value: resource rules must supply at least one api group');
    assertRejects(role([{ apiGroups: [''], verbs: ['get'] }]), 'rules[0].resources: Required value: resource rules must supply at least one resource');
    assertRejects(role([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]), 'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs');
  });

  it('checks subjects', () => {
    assertRejects(binding({ subjects: [{ kind: 'Robot', name: 'r2' }] }), 'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"');
    assertRejects(binding({ subjects: [{ kind: 'User' }] }), 'subjects[0].name: Required value');
    assertRejects(binding({ subjects: [{ kind: 'ServiceAccount', name: 'ci' }] }, 'ClusterRoleBinding'), 'subjects[0].namespace: Required value');
  });

  it('checks roleRef, and keeps it fixed', () => {
    assertRejects(binding({ roleRef: { kind: 'Role', name: 'reader' } }, 'ClusterRoleBinding'), 'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"');
    assertRejects(binding({ roleRef: { kind: 'Role' } }), 'roleRef.name: Required value');
    assertRejects(
      binding({ roleRef: { kind: 'Role', name: 'writer' } }),
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef',
      binding({}),
    );
    assertValid(binding({ subjects: [{ kind: 'User', name: 'joe' }] }), binding({}));
  });
});

describe('ResourceQuota and LimitRange', () => {
  const quota = (hard: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard } });
  const limits = (items: unknown[]) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'default' }, spec: { limits: items } });

  it('quota hard values are quantities of known resources', () => {
    assertValid(quota({ pods: '10', 'requests.cpu': '4', 'limits.memory': '8Gi', 'count/deployments.apps': 5, 'requests.nvidia.com/gpu': 2 }));
    assertRejects(quota({ 'requests.cpu': 'four' }), "spec.hard[requests.cpu]: Invalid value: \"four\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    assertRejects(quota({ pods: '1500m' }), 'spec.hard[pods]: Invalid value: 1500m: must be an integer');
    assertRejects(quota({ cpus: '4' }), 'spec.hard[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified');
    assertRejects(quota({ storage: '4Gi' }), 'spec.hard[storage]: Invalid value: "storage": must be a standard resource for quota');
    assertRejects(quota({ pods: '-1' }), 'spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0');
  });

  it('limit types are Pod, Container or PersistentVolumeClaim, with consistent bounds', () => {
    assertValid(limits([{ type: 'Container', max: { cpu: '2' }, min: { cpu: '100m' }, default: { cpu: '500m' } }]));
    assertRejects(limits([{ type: 'Node', max: { cpu: '2' } }]), 'spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified');
    assertRejects(limits([{ type: 'Container', max: { cpu: '1' }, min: { cpu: '2' } }]), 'spec.limits[0].min[cpu]: Invalid value: 2: min value 2 is greater than max value 1');
    assertRejects(limits([{ type: 'Pod', default: { cpu: '1' } }]), "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'");
    assertRejects(
      limits([{ type: 'PersistentVolumeClaim' }]),
      'spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
    );
  });
});

describe('PriorityClass, Namespace and Node', () => {
  const pc = (name: string, value: number) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value });

  it('caps user priority classes at one billion', () => {
    assertValid(pc('high', 1_000_000_000));
    assertRejects(pc('higher', 1_000_000_001), 'value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
    assertRejects(
      pc('system-important', 5),
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-important is not a known system priority class",
    );
    assertValid(pc('system-node-critical', 2_000_001_000));
    assertRejects(pc('high', 5), 'value: Forbidden: may not be changed in an update.', pc('high', 10));
  });

  it('namespaces: a valid one passes; bad finalizers do not', () => {
    assertValid({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    assertRejects(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: { finalizers: ['cleanup'] } },
      'spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    );
  });

  it('nodes: name and quantities only', () => {
    const node = (status: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec, status });
    assertValid(node({ capacity: { cpu: '4', memory: '16Gi', pods: '110' } }));
    assertRejects(node({ capacity: { memory: '16GB' } }), "status.capacity.memory: Invalid value: \"16GB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    assertRejects(node({ capacity: { cpu: '-1' } }), 'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0');
    assertRejects(node({}, { taints: [{ key: 'gpu', effect: 'NoRun' }] }), 'metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"');
  });

  it('metadata-only kinds still check their names', () => {
    assertValid({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ci', namespace: 'default' } });
    const got = messages({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'CI', namespace: 'default' } });
    assert.ok(got[0]?.startsWith('metadata.name: Invalid value: "CI": a lowercase RFC 1123 subdomain'), got.join('\n'));
  });
});
