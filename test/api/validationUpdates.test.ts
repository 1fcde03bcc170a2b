import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertRejects, assertValid, deployment, job, messages, pod, podSpec, service, template, withKind } from './validationHelpers.js';

describe('update rules', () => {
  it('apps/v1 selectors are immutable', () => {
    const next = deployment({ selector: { matchLabels: { app: 'web', tier: 'fe' } }, template: template(podSpec(), { app: 'web', tier: 'fe' }) });
    const msg =
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable';
    assertRejects(next, msg, deployment());
    assertRejects(withKind('ReplicaSet', 'apps/v1', next), msg, withKind('ReplicaSet', 'apps/v1', deployment()));
    assertRejects(withKind('DaemonSet', 'apps/v1', next), msg, withKind('DaemonSet', 'apps/v1', deployment()));
  });

  it('other Deployment changes are fine', () => {
    assertValid(deployment({ replicas: 5, template: template(podSpec({ image: 'nginx:1.26' })) }), deployment());
  });

  it('names and namespaces cannot change', () => {
    assertRejects(deployment({}, { name: 'web2' }), 'metadata.name: Invalid value: "web2": field is immutable', deployment());
  });

  it('no new finalizers once deletion started', () => {
    const old = deployment({}, { deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['foregroundDeletion'] });
    assertRejects(
      deployment({}, { deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['foregroundDeletion', 'example.com/hold'] }),
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/hold"}',
      old,
    );
    assertValid(deployment({}, { deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: [] }), old);
  });

  it('StatefulSet: only replicas, template, updateStrategy and a few more may change', () => {
    const sts = (spec: Record<string, unknown>) => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: { serviceName: 'db', selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
    });
    const claim = (size: string) => [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } } }];
    assertRejects(
      sts({ volumeClaimTemplates: claim('2Gi') }),
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      sts({ volumeClaimTemplates: claim('1Gi') }),
    );
    assertRejects(sts({ serviceName: 'other' }), "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", sts({}));
    assertValid(sts({ replicas: 5, template: template(podSpec({ image: 'postgres:17' })), updateStrategy: { type: 'OnDelete' }, minReadySeconds: 10 }), sts({}));
  });

  it('Job: template and completions are immutable', () => {
    assertRejects(job({ template: template({ ...podSpec({ image: 'perl:5.40' }), restartPolicy: 'Never' }, { app: 'pi' }) }), 'spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable', job());
    assertRejects(job({ completions: 3 }), 'spec.completions: Invalid value: 3: field is immutable', job());
    assertValid(job({ suspend: true, activeDeadlineSeconds: 60 }), job());
  });

  it('Job: a suspended job that never started may change scheduling directives', () => {
    const suspended = { ...job({ suspend: true }), status: {} };
    const moved = job({ suspend: true, template: template({ ...podSpec(), restartPolicy: 'Never', nodeSelector: { zone: 'b' } }, { app: 'pi' }) });
    assertValid(moved, suspended);
    assertRejects(moved, 'spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable', job());
  });

  it('Service: an allocated cluster IP cannot change', () => {
    assertRejects(service({ clusterIP: '10.96.0.11' }), 'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set', service({ clusterIP: '10.96.0.10' }));
    assertValid(service({ clusterIP: '10.96.0.10', ports: [{ port: 8080 }] }), service({ clusterIP: '10.96.0.10' }));
  });

  it('Pod: only images, activeDeadlineSeconds and new tolerations may change', () => {
    const base = pod({ ...podSpec(), tolerations: [{ key: 'a', operator: 'Exists' }] });
    assertValid(pod({ ...podSpec({ image: 'nginx:1.26' }), tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }], activeDeadlineSeconds: 60 }), base);
    const forbidden =
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
    assertRejects(pod({ ...podSpec({ env: [{ name: 'A', value: '1' }] }), tolerations: [{ key: 'a', operator: 'Exists' }] }), forbidden, base);
    assertRejects(pod({ ...podSpec(), tolerations: [] }), 'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds', base);
    assertRejects(
      pod({ containers: [{ name: 'web', image: 'a' }, { name: 'sidecar', image: 'b' }] }),
      'spec.containers: Forbidden: pod updates may not add or remove containers',
      pod(),
    );
    assertRejects(pod({ ...podSpec(), activeDeadlineSeconds: 120 }), 'spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value', pod({ ...podSpec(), activeDeadlineSeconds: 60 }));
  });

  it('Pod: scheduling gates may only be removed', () => {
    const gated = pod({ ...podSpec(), schedulingGates: [{ name: 'example.com/quota' }] });
    assertValid(pod(podSpec()), gated);
    assertRejects(
      pod({ ...podSpec(), schedulingGates: [{ name: 'example.com/quota' }, { name: 'example.com/gpu' }] }),
      "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/gpu'",
      gated,
    );
  });

  it('Pod: metadata may change freely', () => {
    assertValid(pod(podSpec(), { labels: { app: 'web' }, annotations: { note: 'x' } }), pod());
  });

  it('validation reports every problem, deduplicated', () => {
    const got = messages(deployment({ replicas: -1, revisionHistoryLimit: -1 }));
    assert.deepEqual(got, [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
});
