import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults, defaultPullPolicy } from '../../src/api/defaults/index.js';
import type { KObject } from '../../src/api/object.js';
import { cronJob, defaulted, deployment, job, pod, podSpec, service, template, withKind } from './validationHelpers.js';

describe('pod defaults', () => {
  const p = defaulted(pod());
  const spec = p.spec;
  const c = spec.containers[0];

  it('fills the PodSpec defaults', () => {
    assert.equal(spec.restartPolicy, 'Always');
    assert.equal(spec.terminationGracePeriodSeconds, 30);
    assert.equal(spec.dnsPolicy, 'ClusterFirst');
    assert.equal(spec.schedulerName, 'default-scheduler');
    assert.deepEqual(spec.securityContext, {});
  });

  it('enables service links on pods only', () => {
    assert.equal(spec.enableServiceLinks, true);
    assert.equal(defaulted(deployment()).spec.template.spec.enableServiceLinks, undefined);
  });

  it('fills container defaults', () => {
    assert.equal(c.imagePullPolicy, 'IfNotPresent');
    assert.equal(c.terminationMessagePath, '/dev/termination-log');
    assert.equal(c.terminationMessagePolicy, 'File');
    assert.deepEqual(c.resources, {});
  });

  it('sets TCP on container ports', () => {
    assert.equal(defaulted(pod(podSpec({ ports: [{ containerPort: 80 }] }))).spec.containers[0].ports[0].protocol, 'TCP');
    assert.equal(defaulted(pod(podSpec({ ports: [{ containerPort: 53, protocol: 'UDP' }] }))).spec.containers[0].ports[0].protocol, 'UDP');
  });

  it('leaves what is not the apiserver’s to set', () => {
    assert.equal(p.metadata.uid, undefined);
    assert.equal(spec.serviceAccountName, undefined);
    assert.equal(spec.tolerations, undefined);
    assert.equal(spec.nodeName, undefined);
  });

  it('keeps explicit values', () => {
    const q = defaulted(pod({ ...podSpec({ imagePullPolicy: 'Never' }), restartPolicy: 'Never', terminationGracePeriodSeconds: 0 }));
    assert.equal(q.spec.restartPolicy, 'Never');
    assert.equal(q.spec.terminationGracePeriodSeconds, 0);
    assert.equal(q.spec.containers[0].imagePullPolicy, 'Never');
  });

  it('requests default to limits on pods, not on templates', () => {
    const resources = { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } };
    assert.deepEqual(defaulted(pod(podSpec({ resources }))).spec.containers[0].resources.requests, { cpu: '100m', memory: '128Mi' });
    const d = defaulted(deployment({ template: template(podSpec({ resources: { limits: { cpu: '1' } } })) }));
    assert.equal(d.spec.template.spec.containers[0].resources.requests, undefined);
  });

  it('defaults host ports to container ports with hostNetwork, on pods only', () => {
    const spec = { ...podSpec({ ports: [{ containerPort: 8080 }] }), hostNetwork: true };
    assert.equal(defaulted(pod(spec)).spec.containers[0].ports[0].hostPort, 8080);
    assert.equal(defaulted(deployment({ template: template(spec) })).spec.template.spec.containers[0].ports[0].hostPort, undefined);
  });

  it('fills probe defaults', () => {
    const probe = { httpGet: { port: 80 } };
    const q = defaulted(pod(podSpec({ livenessProbe: probe, readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 } })));
    const live = q.spec.containers[0].livenessProbe;
    assert.equal(live.timeoutSeconds, 1);
    assert.equal(live.periodSeconds, 10);
    assert.equal(live.successThreshold, 1);
    assert.equal(live.failureThreshold, 3);
    assert.equal(live.initialDelaySeconds, undefined);
    assert.deepEqual(live.httpGet, { port: 80, path: '/', scheme: 'HTTP' });
    assert.equal(q.spec.containers[0].readinessProbe.periodSeconds, 5);
  });

  it('gives a source-less volume an emptyDir and file modes to secret and config map volumes', () => {
    const q = defaulted(pod({ ...podSpec(), volumes: [{ name: 'scratch' }, { name: 's', secret: { secretName: 'db' } }, { name: 'c', configMap: { name: 'cfg' } }] }));
    assert.deepEqual(q.spec.volumes[0].emptyDir, {});
    assert.equal(q.spec.volumes[1].secret.defaultMode, 0o644);
    assert.equal(q.spec.volumes[2].configMap.defaultMode, 420);
  });

  it('sets fieldRef apiVersion v1', () => {
    const env = [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }];
    assert.equal(defaulted(pod(podSpec({ env }))).spec.containers[0].env[0].valueFrom.fieldRef.apiVersion, 'v1');
  });

  it('is idempotent', () => {
    const once = defaulted(pod(podSpec({ resources: { limits: { cpu: '1' } }, livenessProbe: { exec: { command: ['true'] } } })));
    const twice = structuredClone(once);
    applyDefaults(twice as KObject);
    assert.deepEqual(twice, once);
  });
});

describe('imagePullPolicy by tag', () => {
  const cases: [string, string][] = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['docker.io/library/nginx:1.25-alpine', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'IfNotPresent'],
    ['nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'Always'],
    ['Nginx', 'IfNotPresent'],
  ];
  for (const [image, policy] of cases) {
    it(`${image} → ${policy}`, () => assert.equal(defaultPullPolicy(image), policy));
  }
});

describe('workload defaults', () => {
  it('Deployment: replicas, RollingUpdate 25%/25%, history 10, deadline 600', () => {
    const spec = defaulted(deployment({ replicas: undefined })).spec;
    assert.equal(spec.replicas, 1);
    assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.equal(spec.progressDeadlineSeconds, 600);
    assert.equal(spec.template.spec.restartPolicy, 'Always');
    assert.equal(spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  });

  it('Deployment: Recreate gets no rollingUpdate', () => {
    assert.deepEqual(defaulted(deployment({ strategy: { type: 'Recreate' } })).spec.strategy, { type: 'Recreate' });
  });

  it('ReplicaSet: replicas 1', () => {
    assert.equal(defaulted(withKind('ReplicaSet', 'apps/v1', deployment({ replicas: undefined }))).spec.replicas, 1);
  });

  it('ReplicationController: selector and labels from the template, replicas 1', () => {
    const rc = defaulted({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { template: template() } });
    assert.deepEqual(rc.spec.selector, { app: 'web' });
    assert.deepEqual(rc.metadata.labels, { app: 'web' });
    assert.equal(rc.spec.replicas, 1);
  });

  it('StatefulSet: OrderedReady, RollingUpdate partition 0, Retain/Retain, history 10, replicas 1', () => {
    const sts = defaulted({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: template(),
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    const spec = sts.spec;
    assert.equal(spec.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.equal(spec.replicas, 1);
    assert.equal(spec.volumeClaimTemplates[0].spec.volumeMode, 'Filesystem');
  });

  it('DaemonSet: RollingUpdate maxUnavailable 1, maxSurge 0, history 10', () => {
    const ds = defaulted({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: template() } });
    assert.deepEqual(ds.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    assert.equal(ds.spec.revisionHistoryLimit, 10);
  });
});

describe('batch defaults', () => {
  it('Job: one pod to one completion, backoffLimit 6, NonIndexed, not suspended', () => {
    const j = defaulted(job());
    assert.equal(j.spec.parallelism, 1);
    assert.equal(j.spec.completions, 1);
    assert.equal(j.spec.backoffLimit, 6);
    assert.equal(j.spec.completionMode, 'NonIndexed');
    assert.equal(j.spec.suspend, false);
    assert.equal(j.spec.manualSelector, undefined);
    assert.equal(j.spec.podReplacementPolicy, 'TerminatingOrFailed');
    assert.equal(defaulted(job({ podFailurePolicy: { rules: [] } })).spec.podReplacementPolicy, 'Failed');
    assert.deepEqual(j.metadata.labels, { app: 'pi' });
  });

  it('Job: parallelism alone leaves completions unset (a work queue)', () => {
    const spec = defaulted(job({ parallelism: 3 })).spec;
    assert.equal(spec.parallelism, 3);
    assert.equal(spec.completions, undefined);
    assert.equal(defaulted(job({ completions: 5 })).spec.parallelism, 1);
  });

  it('Job: the template restartPolicy is not defaulted to Always', () => {
    const j = job();
    delete j.spec.template.spec.restartPolicy;
    assert.equal(defaulted(j).spec.template.spec.restartPolicy, undefined);
    assert.equal(defaulted(j).spec.template.spec.terminationGracePeriodSeconds, 30);
  });

  it('CronJob: Allow, not suspended, keeps 3 successful and 1 failed job, defaults the pod template', () => {
    const spec = defaulted(cronJob()).spec;
    assert.equal(spec.concurrencyPolicy, 'Allow');
    assert.equal(spec.suspend, false);
    assert.equal(spec.successfulJobsHistoryLimit, 3);
    assert.equal(spec.failedJobsHistoryLimit, 1);
    assert.equal(spec.jobTemplate.spec.template.spec.dnsPolicy, 'ClusterFirst');
    assert.equal(spec.jobTemplate.spec.template.spec.restartPolicy, 'OnFailure');
  });
});

describe('autoscaling defaults', () => {
  const hpa = (spec: Record<string, unknown>) => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, ...spec },
  });

  it('minReplicas 1, CPU 80% when no metric is given, behavior left unset', () => {
    const spec = defaulted(hpa({})).spec;
    assert.equal(spec.minReplicas, 1);
    assert.deepEqual(spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    assert.equal(spec.behavior, undefined);
  });

  it('completes a partial behavior with the default rules', () => {
    const spec = defaulted(hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } })).spec;
    assert.deepEqual(spec.behavior.scaleDown, { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
    assert.equal(spec.behavior.scaleUp.stabilizationWindowSeconds, 0);
    assert.equal(spec.behavior.scaleUp.policies.length, 2);
  });
});

describe('service defaults', () => {
  it('ClusterIP, None affinity, TCP, targetPort = port, Cluster internal policy, single-stack IPv4', () => {
    const spec = defaulted(service()).spec;
    assert.equal(spec.type, 'ClusterIP');
    assert.equal(spec.sessionAffinity, 'None');
    assert.deepEqual(spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    assert.equal(spec.internalTrafficPolicy, 'Cluster');
    assert.equal(spec.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual(spec.ipFamilies, ['IPv4']);
    assert.equal(spec.externalTrafficPolicy, undefined);
    assert.equal(spec.clusterIP, undefined, 'cluster IPs are allocated by admission');
  });

  it('keeps a named targetPort', () => {
    assert.equal(defaulted(service({ ports: [{ port: 80, targetPort: 'http' }] })).spec.ports[0].targetPort, 'http');
  });

  it('NodePort and LoadBalancer get externalTrafficPolicy Cluster; LoadBalancer allocates node ports', () => {
    assert.equal(defaulted(service({ type: 'NodePort' })).spec.externalTrafficPolicy, 'Cluster');
    const lb = defaulted(service({ type: 'LoadBalancer' })).spec;
    assert.equal(lb.externalTrafficPolicy, 'Cluster');
    assert.equal(lb.allocateLoadBalancerNodePorts, true);
    assert.equal(lb.ports[0].nodePort, undefined, 'node ports are allocated by admission');
  });

  it('ClientIP affinity gets a 3-hour timeout', () => {
    assert.equal(defaulted(service({ sessionAffinity: 'ClientIP' })).spec.sessionAffinityConfig.clientIP.timeoutSeconds, 10800);
  });

  it('headless services mirror clusterIP into clusterIPs; ExternalName gets no IP families', () => {
    assert.deepEqual(defaulted(service({ clusterIP: 'None' })).spec.clusterIPs, ['None']);
    const ext = defaulted(service({ type: 'ExternalName', externalName: 'db.example.com', ports: undefined, selector: undefined })).spec;
    assert.equal(ext.ipFamilies, undefined);
    assert.equal(ext.ipFamilyPolicy, undefined);
    assert.equal(ext.internalTrafficPolicy, undefined);
  });
});

describe('storage defaults', () => {
  it('PV: Retain, Filesystem, phase Pending', () => {
    const pv = defaulted({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, hostPath: { path: '/data' } } });
    assert.equal(pv.spec.persistentVolumeReclaimPolicy, 'Retain');
    assert.equal(pv.spec.volumeMode, 'Filesystem');
    assert.equal(pv.status.phase, 'Pending');
  });

  it('PVC: Filesystem, phase Pending', () => {
    const pvc = defaulted({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } });
    assert.equal(pvc.spec.volumeMode, 'Filesystem');
    assert.equal(pvc.status.phase, 'Pending');
    assert.equal(pvc.spec.storageClassName, undefined, 'the default class is admission’s business');
  });

  it('StorageClass: Delete, Immediate', () => {
    const sc = defaulted({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'example.com/disk' });
    assert.equal(sc.reclaimPolicy, 'Delete');
    assert.equal(sc.volumeBindingMode, 'Immediate');
  });
});

describe('other defaults', () => {
  it('Secret: type Opaque, stringData merged into base64 data and dropped', () => {
    const s = defaulted({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { user: 'YWRtaW4=', password: 'b2xk' }, stringData: { password: 's3cr3t' } });
    assert.equal(s.type, 'Opaque');
    assert.deepEqual(s.data, { user: 'YWRtaW4=', password: Buffer.from('s3cr3t').toString('base64') });
    assert.equal(s.stringData, undefined);
  });

  it('Namespace: finalizer kubernetes, phase Active, name label', () => {
    const ns = defaulted({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    assert.deepEqual(ns.spec.finalizers, ['kubernetes']);
    assert.equal(ns.status.phase, 'Active');
    assert.equal(ns.metadata.labels['kubernetes.io/metadata.name'], 'team-a');
  });

  it('Namespace: an update does not bring a removed finalizer back', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: {}, status: { phase: 'Terminating' } } as KObject;
    applyDefaults(ns);
    assert.equal(ns.spec.finalizers, undefined);
  });

  it('PriorityClass: PreemptLowerPriority', () => {
    assert.equal(defaulted({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 }).preemptionPolicy, 'PreemptLowerPriority');
  });

  it('Node: allocatable defaults to capacity', () => {
    const node = defaulted({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: '4', memory: '8Gi' } } });
    assert.deepEqual(node.status.allocatable, { cpu: '4', memory: '8Gi' });
  });

  it('LimitRange: container default limit from max, default request from the limit', () => {
    const lr = defaulted({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] } });
    assert.deepEqual(lr.spec.limits[0].default, { cpu: '2' });
    assert.deepEqual(lr.spec.limits[0].defaultRequest, { cpu: '2', memory: '64Mi' });
  });

  it('RoleBinding: roleRef and subject API groups', () => {
    const rb = defaulted({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'read' },
      roleRef: { kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'default' }],
    });
    assert.equal(rb.roleRef.apiGroup, 'rbac.authorization.k8s.io');
    assert.equal(rb.subjects[0].apiGroup, 'rbac.authorization.k8s.io');
    assert.equal(rb.subjects[1].apiGroup, '');
  });

  it('ResourceQuota and ConfigMap get nothing', () => {
    const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '10' } } };
    assert.deepEqual(defaulted(quota), quota);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
    assert.deepEqual(defaulted(cm), cm);
  });
});

describe('quantities are stored in their canonical text', () => {
  it('rewrites 0.5 → 500m, 1024Mi → 1Gi and YAML numbers to strings, keeps 100m and 1e3, leaves garbage to validation', () => {
    const resources = { requests: { cpu: '0.5', memory: '1024Mi', 'ephemeral-storage': 1000 }, limits: { cpu: 1, memory: '1e3' } };
    const p = defaulted(pod({ ...podSpec({ resources }), overhead: { cpu: '100m' } }));
    assert.deepEqual(p.spec.containers[0].resources, {
      requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '1k' },
      limits: { cpu: '1', memory: '1e3' },
    });
    assert.deepEqual(p.spec.overhead, { cpu: '100m' });
    const bad = defaulted(pod(podSpec({ resources: { requests: { cpu: 'lots' } } })));
    assert.equal(bad.spec.containers[0].resources.requests.cpu, 'lots');
  });

  it('reaches templates, claims, volumes, quotas, limit ranges and HPA targets, not status', () => {
    const d = defaulted(deployment({ template: template(podSpec({ resources: { limits: { memory: '2048Mi' } } })) }));
    assert.equal(d.spec.template.spec.containers[0].resources.limits.memory, '2Gi');
    const pvc = defaulted({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3072Mi' } } } });
    assert.equal(pvc.spec.resources.requests.storage, '3Gi');
    const quota = defaulted({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.cpu': '2000m' } }, status: { used: { 'requests.cpu': '1000m' } } });
    assert.equal(quota.spec.hard['requests.cpu'], '2');
    assert.equal(quota.status.used['requests.cpu'], '1000m');
    const hpa = defaulted({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'w' }, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '0.5Gi' } } }] } });
    assert.equal(hpa.spec.metrics[0].resource.target.averageValue, '512Mi');
    const v = defaulted(pod({ ...podSpec(), volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '1024Ki' } }] }));
    assert.equal(v.spec.volumes[0].emptyDir.sizeLimit, '1Mi');
  });
});
