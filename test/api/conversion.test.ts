import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { convertToCurrent, legacyVersionsOf } from '../../src/api/conversion.js';
import { ApiError, isApiError } from '../../src/api/errors.js';
import type { KObject } from '../../src/api/object.js';
import { strictDecode } from '../../src/api/schema/decode.js';

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
};

function obj(apiVersion: string, kind: string, body: Record<string, unknown> = {}, name = 'web'): KObject {
  return { apiVersion, kind, metadata: { name }, ...body };
}

/** Converts, and checks that what comes out is a clean object of the current version. */
function convert(input: KObject): { object: KObject; warning: string } {
  const before = structuredClone(input);
  const { object, warning } = convertToCurrent(input);
  assert.deepEqual(input, before, 'the input must not be mutated');
  assert.deepEqual(strictDecode(object, object.kind), [], 'the converted object must decode strictly');
  assert.ok(warning, 'a legacy version comes with a warning');
  return { object, warning };
}

describe('convertToCurrent', () => {
  it('returns current objects as they are, without a warning', () => {
    const input = obj('apps/v1', 'Deployment', { spec: { selector: { matchLabels: { app: 'web' } }, template } });
    const result = convertToCurrent(input);
    assert.equal(result.object, input);
    assert.equal(result.warning, undefined);
  });

  describe('extensions/v1beta1 workloads (removed in 1.16)', () => {
    it('converts a Deployment: selector from the template labels, rollbackTo dropped, the defaults explained', () => {
      const { object, warning } = convert(obj('extensions/v1beta1', 'Deployment', { spec: { replicas: 2, rollbackTo: { revision: 1 }, template } }));
      assert.equal(object.apiVersion, 'apps/v1');
      assert.deepEqual(object.spec, { replicas: 2, template, selector: { matchLabels: { app: 'web' } } });
      assert.equal(
        warning,
        'Deployment web: apiVersion extensions/v1beta1 was removed in Kubernetes 1.16; kubesim converted it to apps/v1 ' +
          '(a real cluster would refuse it: change the file to apiVersion: apps/v1, add spec.selector and remove spec.rollbackTo). ' +
          'kubesim took spec.selector from the template labels: matchLabels {app: web}. ' +
          'apps/v1 has no spec.rollbackTo: roll back with kubectl rollout undo. ' +
          'Defaults differ and the apps/v1 ones apply: revisionHistoryLimit 10 (extensions/v1beta1 kept every old ReplicaSet), ' +
          'maxSurge 25% (was 1), maxUnavailable 25% (was 1), progressDeadlineSeconds 600 (was no deadline)',
      );
    });

    it('only mentions the fixes and defaults that apply to the manifest', () => {
      const spec = {
        selector: { matchLabels: { app: 'web' } },
        revisionHistoryLimit: 3,
        progressDeadlineSeconds: 120,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template,
      };
      const { object, warning } = convert(obj('extensions/v1beta1', 'Deployment', { spec }));
      assert.deepEqual(object.spec, spec);
      assert.equal(
        warning,
        'Deployment web: apiVersion extensions/v1beta1 was removed in Kubernetes 1.16; kubesim converted it to apps/v1 ' +
          '(a real cluster would refuse it: change the file to apiVersion: apps/v1)',
      );
    });

    it('does not compare rolling-update defaults for a Recreate Deployment', () => {
      const spec = { selector: { matchLabels: { app: 'web' } }, revisionHistoryLimit: 3, progressDeadlineSeconds: 60, strategy: { type: 'Recreate' }, template };
      const { warning } = convert(obj('extensions/v1beta1', 'Deployment', { spec }));
      assert.doesNotMatch(warning, /maxSurge|Defaults differ/);
    });

    it('converts a ReplicaSet, defaulting its selector', () => {
      const { object, warning } = convert(obj('extensions/v1beta1', 'ReplicaSet', { spec: { replicas: 1, template } }));
      assert.equal(object.apiVersion, 'apps/v1');
      assert.deepEqual(object.spec.selector, { matchLabels: { app: 'web' } });
      assert.match(warning, /^ReplicaSet web: apiVersion extensions\/v1beta1 was removed in Kubernetes 1\.16; .*add spec\.selector\)/);
    });

    it('converts a DaemonSet: templateGeneration dropped, the OnDelete default explained', () => {
      const { object, warning } = convert(obj('extensions/v1beta1', 'DaemonSet', { spec: { templateGeneration: 4, template } }));
      assert.equal(object.apiVersion, 'apps/v1');
      assert.deepEqual(object.spec, { template, selector: { matchLabels: { app: 'web' } } });
      assert.match(warning, /add spec\.selector and remove spec\.templateGeneration\)/);
      assert.match(warning, /updateStrategy RollingUpdate \(was OnDelete/);
    });
  });

  describe('Ingress (extensions/v1beta1 and networking.k8s.io/v1beta1, removed in 1.22)', () => {
    const legacyIngress = (apiVersion: string) =>
      obj(
        apiVersion,
        'Ingress',
        {
          spec: {
            backend: { serviceName: 'default-http', servicePort: 80 },
            rules: [
              {
                host: 'shop.example.com',
                http: {
                  paths: [
                    { path: '/', backend: { serviceName: 'web', servicePort: 'http' } },
                    { path: '/api', pathType: 'Prefix', backend: { serviceName: 'api', servicePort: 8080 } },
                  ],
                },
              },
            ],
          },
        },
        'shop',
      );

    for (const apiVersion of ['extensions/v1beta1', 'networking.k8s.io/v1beta1']) {
      it(`converts ${apiVersion} backends to service: {name, port} and fills pathType`, () => {
        const { object, warning } = convert(legacyIngress(apiVersion));
        assert.equal(object.apiVersion, 'networking.k8s.io/v1');
        assert.deepEqual(object.spec, {
          defaultBackend: { service: { name: 'default-http', port: { number: 80 } } },
          rules: [
            {
              host: 'shop.example.com',
              http: {
                paths: [
                  { path: '/', pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { name: 'http' } } } },
                  { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 8080 } } } },
                ],
              },
            },
          ],
        });
        assert.equal(
          warning,
          `Ingress shop: apiVersion ${apiVersion} was removed in Kubernetes 1.22; kubesim converted it to networking.k8s.io/v1 ` +
            '(a real cluster would refuse it: change the file to apiVersion: networking.k8s.io/v1, rename spec.backend to spec.defaultBackend, ' +
            'write each backend as service: {name, port: {number | name}} and give every path a pathType). ' +
            'Paths without a pathType got ImplementationSpecific, which matches the old behaviour',
        );
      });
    }

    it('leaves resource backends alone', () => {
      const resource = { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' };
      const { object } = convert(obj('networking.k8s.io/v1beta1', 'Ingress', { spec: { backend: { resource } } }));
      assert.deepEqual(object.spec, { defaultBackend: { resource } });
    });
  });

  describe('apps/v1beta1 and apps/v1beta2 (removed in 1.16)', () => {
    it('converts an apps/v1beta1 Deployment, explaining the revisionHistoryLimit default', () => {
      const { object, warning } = convert(obj('apps/v1beta1', 'Deployment', { spec: { template } }));
      assert.equal(object.apiVersion, 'apps/v1');
      assert.deepEqual(object.spec.selector, { matchLabels: { app: 'web' } });
      assert.match(warning, /apiVersion apps\/v1beta1 was removed in Kubernetes 1\.16/);
      assert.match(warning, /revisionHistoryLimit 10 \(was 2\)/);
      assert.doesNotMatch(warning, /maxSurge/);
    });

    it('converts an apps/v1beta1 StatefulSet, explaining the OnDelete default', () => {
      const { object, warning } = convert(obj('apps/v1beta1', 'StatefulSet', { spec: { serviceName: 'web', template } }));
      assert.equal(object.apiVersion, 'apps/v1');
      assert.deepEqual(object.spec.selector, { matchLabels: { app: 'web' } });
      assert.match(warning, /updateStrategy RollingUpdate \(was OnDelete/);
    });

    it('converts an apps/v1beta1 ReplicaSet', () => {
      const { object } = convert(obj('apps/v1beta1', 'ReplicaSet', { spec: { template } }));
      assert.equal(object.apiVersion, 'apps/v1');
      assert.deepEqual(object.spec.selector, { matchLabels: { app: 'web' } });
    });

    it('refuses an apps/v1beta1 DaemonSet, which no Kubernetes version served', () => {
      assert.throws(
        () => convertToCurrent(obj('apps/v1beta1', 'DaemonSet', { spec: { template } })),
        (e: unknown) =>
          isApiError(e, 'BadRequest') &&
          e.message === 'no matches for kind "DaemonSet" in version "apps/v1beta1"; use apps/v1 (kubesim also converts the older extensions/v1beta1 and apps/v1beta2)',
      );
    });

    for (const kind of ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet']) {
      it(`converts an apps/v1beta2 ${kind} as it is: its selector was already required`, () => {
        const spec: Record<string, unknown> = { selector: { matchLabels: { app: 'web' } }, template };
        if (kind === 'StatefulSet') spec.serviceName = 'web';
        const { object, warning } = convert(obj('apps/v1beta2', kind, { spec }));
        assert.equal(object.apiVersion, 'apps/v1');
        assert.deepEqual(object.spec, spec);
        assert.equal(
          warning,
          `${kind} web: apiVersion apps/v1beta2 was removed in Kubernetes 1.16; kubesim converted it to apps/v1 ` +
            '(a real cluster would refuse it: change the file to apiVersion: apps/v1)',
        );
      });
    }

    it('does not invent a selector for apps/v1beta2, which required one', () => {
      const { object } = convertToCurrent(obj('apps/v1beta2', 'Deployment', { spec: { template } }));
      assert.equal(object.spec.selector, undefined);
    });
  });

  describe('versions whose shape did not change', () => {
    const rule = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] };
    const binding = {
      subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { kind: 'Role', name: 'pod-reader', apiGroup: 'rbac.authorization.k8s.io' },
    };
    const cases: [string, string, string, Record<string, unknown>, string][] = [
      ['rbac.authorization.k8s.io/v1beta1', 'Role', 'rbac.authorization.k8s.io/v1', { rules: [rule] }, '1.22'],
      ['rbac.authorization.k8s.io/v1beta1', 'ClusterRole', 'rbac.authorization.k8s.io/v1', { rules: [rule] }, '1.22'],
      ['rbac.authorization.k8s.io/v1beta1', 'RoleBinding', 'rbac.authorization.k8s.io/v1', binding, '1.22'],
      ['rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', binding, '1.22'],
      ['scheduling.k8s.io/v1beta1', 'PriorityClass', 'scheduling.k8s.io/v1', { value: 1000, globalDefault: false }, '1.22'],
      ['storage.k8s.io/v1beta1', 'StorageClass', 'storage.k8s.io/v1', { provisioner: 'kubernetes.io/no-provisioner' }, '1.22'],
      ['batch/v1beta1', 'CronJob', 'batch/v1', { spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template } } } }, '1.25'],
      [
        'autoscaling/v2beta2',
        'HorizontalPodAutoscaler',
        'autoscaling/v2',
        {
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
            maxReplicas: 5,
            metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
          },
        },
        '1.26',
      ],
    ];
    for (const [legacy, kind, current, body, removedIn] of cases) {
      it(`converts ${legacy} ${kind} to ${current} (removed in ${removedIn})`, () => {
        const { object, warning } = convert(obj(legacy, kind, body));
        assert.deepEqual(object, { ...obj(current, kind, body) });
        assert.equal(
          warning,
          `${kind} web: apiVersion ${legacy} was removed in Kubernetes ${removedIn}; kubesim converted it to ${current} ` +
            `(a real cluster would refuse it: change the file to apiVersion: ${current})`,
        );
      });
    }
  });

  describe('HorizontalPodAutoscaler', () => {
    const scaleTargetRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' };

    it('converts autoscaling/v1 targetCPUUtilizationPercentage to a v2 Resource metric, noting v1 is still served', () => {
      const input = obj(
        'autoscaling/v1',
        'HorizontalPodAutoscaler',
        { spec: { scaleTargetRef, minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50 }, status: { currentReplicas: 1, desiredReplicas: 1 } },
        'php-apache',
      );
      const { object, warning } = convert(input);
      assert.equal(object.apiVersion, 'autoscaling/v2');
      assert.deepEqual(object.spec, {
        scaleTargetRef,
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      });
      assert.equal(object.status, undefined);
      assert.equal(
        warning,
        'HorizontalPodAutoscaler php-apache: apiVersion autoscaling/v1 is still served, but kubesim stores it as autoscaling/v2, ' +
          'as a real cluster shows it with kubectl get -o yaml. spec.targetCPUUtilizationPercentage 50 became spec.metrics: ' +
          '[{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]',
      );
    });

    it('leaves an autoscaling/v1 HPA without a target to the v2 default', () => {
      const { object } = convert(obj('autoscaling/v1', 'HorizontalPodAutoscaler', { spec: { scaleTargetRef, maxReplicas: 3 } }));
      assert.deepEqual(object.spec, { scaleTargetRef, maxReplicas: 3 });
    });

    it('converts every autoscaling/v2beta1 metric source to target and metric (removed in 1.25)', () => {
      const selector = { matchLabels: { queue: 'orders' } };
      const input = obj('autoscaling/v2beta1', 'HorizontalPodAutoscaler', {
        spec: {
          scaleTargetRef,
          maxReplicas: 10,
          metrics: [
            { type: 'Resource', resource: { name: 'cpu', targetAverageUtilization: 80 } },
            { type: 'Resource', resource: { name: 'memory', targetAverageValue: '500Mi' } },
            { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', targetAverageUtilization: 70 } },
            { type: 'Pods', pods: { metricName: 'packets-per-second', targetAverageValue: '1k' } },
            {
              type: 'Object',
              object: { target: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, metricName: 'requests-per-second', targetValue: '10k' },
            },
            { type: 'External', external: { metricName: 'queue_messages_ready', metricSelector: selector, targetAverageValue: 30 } },
          ],
        },
        status: { currentMetrics: [] },
      });
      const { object, warning } = convert(input);
      assert.equal(object.apiVersion, 'autoscaling/v2');
      assert.deepEqual(object.spec.metrics, [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
        { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } } },
        {
          type: 'Object',
          object: {
            describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' },
            metric: { name: 'requests-per-second' },
            target: { type: 'Value', value: '10k' },
          },
        },
        { type: 'External', external: { metric: { name: 'queue_messages_ready', selector }, target: { type: 'AverageValue', averageValue: 30 } } },
      ]);
      assert.equal(object.status, undefined);
      assert.equal(
        warning,
        'HorizontalPodAutoscaler web: apiVersion autoscaling/v2beta1 was removed in Kubernetes 1.25; kubesim converted it to autoscaling/v2 ' +
          '(a real cluster would refuse it: change the file to apiVersion: autoscaling/v2 and ' +
          'rewrite each metric with target: {type, averageUtilization | averageValue | value} and metric: {name})',
      );
    });
  });

  describe('discovery.k8s.io/v1beta1 EndpointSlice (removed in 1.25)', () => {
    it('moves topology to nodeName, zone and deprecatedTopology', () => {
      const input = obj('discovery.k8s.io/v1beta1', 'EndpointSlice', {
        addressType: 'IPv4',
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
        endpoints: [
          {
            addresses: ['10.0.0.5'],
            conditions: { ready: true },
            topology: { 'kubernetes.io/hostname': 'node-1', 'topology.kubernetes.io/zone': 'us-east-1a', 'example.com/rack': 'r7' },
          },
          { addresses: ['10.0.0.6'], nodeName: 'node-2', topology: { 'kubernetes.io/hostname': 'node-2' } },
          { addresses: ['10.0.0.7'] },
        ],
      });
      const { object, warning } = convert(input);
      assert.equal(object.apiVersion, 'discovery.k8s.io/v1');
      assert.deepEqual(object.endpoints, [
        { addresses: ['10.0.0.5'], conditions: { ready: true }, zone: 'us-east-1a', nodeName: 'node-1', deprecatedTopology: { 'example.com/rack': 'r7' } },
        { addresses: ['10.0.0.6'], nodeName: 'node-2' },
        { addresses: ['10.0.0.7'] },
      ]);
      assert.match(warning, /^EndpointSlice web: apiVersion discovery\.k8s\.io\/v1beta1 was removed in Kubernetes 1\.25; /);
      assert.match(warning, /use endpoints\[\]\.nodeName and endpoints\[\]\.zone instead of endpoints\[\]\.topology\)$/);
    });
  });

  describe('refusals', () => {
    it('refuses an apiVersion that never served the kind, listing what kubesim accepts', () => {
      assert.throws(
        () => convertToCurrent(obj('apps/v9', 'Deployment')),
        (e: unknown) =>
          e instanceof ApiError &&
          e.reason === 'BadRequest' &&
          e.code === 400 &&
          e.message === 'no matches for kind "Deployment" in version "apps/v9"; use apps/v1 (kubesim also converts the older extensions/v1beta1, apps/v1beta1 and apps/v1beta2)',
      );
    });

    it('refuses a core kind in a group', () => {
      assert.throws(() => convertToCurrent(obj('apps/v1', 'Service')), /^ApiError: no matches for kind "Service" in version "apps\/v1"; use v1$/);
    });

    it('refuses a kind kubesim does not serve, even in a version that once served it', () => {
      assert.throws(
        () => convertToCurrent(obj('policy/v1beta1', 'PodDisruptionBudget')),
        (e: unknown) => isApiError(e, 'BadRequest') && /kubesim does not serve kind PodDisruptionBudget/.test(e.message),
      );
    });

    it('refuses an object without apiVersion or kind', () => {
      assert.throws(
        () => convertToCurrent({ kind: 'Deployment', metadata: { name: 'x' } } as unknown as KObject),
        (e: unknown) => isApiError(e, 'BadRequest') && e.message === 'apiVersion not set for kind "Deployment"; use apps/v1',
      );
      assert.throws(() => convertToCurrent({ apiVersion: 'v1', metadata: {} } as unknown as KObject), (e: unknown) => isApiError(e, 'BadRequest'));
    });
  });

  it('lists the legacy versions per kind', () => {
    assert.deepEqual(legacyVersionsOf('Ingress'), ['extensions/v1beta1', 'networking.k8s.io/v1beta1']);
    assert.deepEqual(legacyVersionsOf('HorizontalPodAutoscaler'), ['autoscaling/v2beta1', 'autoscaling/v2beta2', 'autoscaling/v1']);
    assert.deepEqual(legacyVersionsOf('Pod'), []);
  });
});
