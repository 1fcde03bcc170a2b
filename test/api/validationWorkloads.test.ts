import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertRejects, assertValid, cronJob, deployment, job, messages, podSpec, template, withKind } from './validationHelpers.js';

const percentMsg = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

describe('Deployment', () => {
  it('accepts a valid one', () => assertValid(deployment()));

  it('rejects negative replicas', () => {
    assertRejects(deployment({ replicas: -1 }), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('requires a selector matching the template labels', () => {
    assert.deepEqual(messages(deployment({ selector: undefined })), [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    assertRejects(
      deployment({ selector: { matchLabels: { app: 'api' } } }),
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
    assertRejects(
      deployment({ selector: {} }),
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
    assertValid(deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } }));
  });

  it('validates the pod template', () => {
    assertRejects(deployment({ template: template({ containers: [] }) }), 'spec.template.spec.containers: Required value');
    assertRejects(deployment({ template: template({ containers: [{ name: 'web' }] }) }), 'spec.template.spec.containers[0].image: Required value');
    assertRejects(
      deployment({ template: template(podSpec({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })) }),
      'spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
    assertRejects(deployment({ template: template({ ...podSpec(), restartPolicy: 'OnFailure' }) }), 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"');
    assertRejects(
      deployment({ template: template({ ...podSpec(), activeDeadlineSeconds: 30 }) }),
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    );
  });

  it('puts template label errors under <template>.labels, as upstream does', () => {
    const got = messages(deployment({ template: template(podSpec(), { app: 'web', 'bad key': 'x' }) }));
    assert.ok(got.some((m) => m.startsWith('spec.template.labels: Invalid value: "bad key"')), got.join('\n'));
  });

  it('stops at a selector that cannot be compiled, as upstream', () => {
    const got = messages(deployment({ selector: { matchLabels: { 'bad key': 'x' } }, template: template({ containers: [] }) }));
    assert.ok(got[0]!.startsWith('spec.selector.matchLabels: Invalid value: "bad key"'), got.join('\n'));
    assert.equal(
      got[1],
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"bad key":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: invalid label selector',
    );
    assert.ok(!got.includes('spec.template.spec.containers: Required value'));
  });

  it('checks the rolling update fenceposts', () => {
    assertRejects(
      deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }),
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    );
    assertRejects(
      deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%', maxSurge: '0%' } } }),
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0',
    );
    assertRejects(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'ten' } } }), `spec.strategy.rollingUpdate.maxSurge: Invalid value: ten: ${percentMsg}`);
    assertRejects(
      deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } } }),
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 150%: must not be greater than 100%',
    );
    assertRejects(
      deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: -1 } } }),
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    );
    assertValid(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }));
  });

  it('checks the strategy type', () => {
    assertRejects(
      deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    );
    assertRejects(
      deployment({ strategy: { type: 'BlueGreen' } }),
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    );
  });

  it('checks history and progress deadline', () => {
    assertRejects(deployment({ revisionHistoryLimit: -2 }), 'spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0');
    assertRejects(deployment({ minReadySeconds: 30, progressDeadlineSeconds: 30 }), 'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds');
    assertValid(deployment({ revisionHistoryLimit: 0, minReadySeconds: 10, progressDeadlineSeconds: 60 }));
  });
});

describe('ReplicaSet and ReplicationController', () => {
  const rs = (spec: Record<string, unknown> = {}) => withKind('ReplicaSet', 'apps/v1', deployment(spec));
  const rc = (spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { template: template(), ...spec } });

  it('ReplicaSet: valid, replicas, selector', () => {
    assertValid(rs());
    assertRejects(rs({ replicas: -1 }), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    assertRejects(rs({ selector: undefined }), 'spec.selector: Required value');
  });

  it('ReplicationController: the selector defaults from the template; a mismatch is reported', () => {
    assertValid(rc());
    assertRejects(rc({ selector: { app: 'api' } }), 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`');
    assertRejects({ ...rc(), spec: {} }, 'spec.selector: Required value');
    assertRejects({ ...rc(), spec: {} }, 'spec.template: Required value');
    assertRejects(rc({ template: template({ ...podSpec(), restartPolicy: 'Never' }) }), 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"');
  });
});

describe('StatefulSet', () => {
  const sts = (spec: Record<string, unknown> = {}, name = 'db') => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
  });

  it('accepts one without serviceName (optional in current versions)', () => assertValid(sts()));

  it('wants a DNS-1123 label name (it becomes the pods’ hostname)', () => {
    assertRejects(sts({}, 'db.v1'), 'metadata.name: Invalid value: "db.v1": must not contain dots');
  });

  it('checks selector, template labels and restartPolicy', () => {
    assertRejects(sts({ selector: undefined }), 'spec.selector: Required value');
    assertRejects(sts({ selector: { matchLabels: { app: 'db' } } }), 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`');
    assertRejects(sts({ template: template({ ...podSpec(), restartPolicy: 'OnFailure' }) }), 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"');
  });

  it('does not validate the template’s pod spec (mounts may name claim templates)', () => {
    const spec = { ...podSpec({ volumeMounts: [{ name: 'data', mountPath: '/var/lib/db' }] }) };
    assertValid(sts({ template: template(spec), volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }));
  });

  it('checks policies', () => {
    assertRejects(sts({ podManagementPolicy: 'Random' }), "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'");
    assertRejects(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }), 'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0');
    assertRejects(
      sts({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }),
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
    );
    assertRejects(sts({ replicas: -3 }), 'spec.replicas: Invalid value: -3: must be greater than or equal to 0');
  });
});

describe('DaemonSet', () => {
  const ds = (spec: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
  });

  it('accepts a valid one', () => assertValid(ds()));

  it('needs a selector that matches the template', () => {
    assertRejects(ds({ selector: { matchLabels: { app: 'agent' } } }), 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`');
    assertRejects(ds({ selector: undefined }), 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`');
  });

  it('checks the rolling update', () => {
    assertRejects(
      ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }),
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    );
    assertRejects(
      ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }),
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    );
    assertValid(ds({ updateStrategy: { type: 'OnDelete' } }));
  });
});

describe('Job', () => {
  it('accepts a valid one', () => assertValid(job()));

  it('requires OnFailure or Never', () => {
    const required = 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"';
    assertRejects(job({ template: template({ ...podSpec(), restartPolicy: 'Always' }, { app: 'pi' }) }), required);
    assert.deepEqual(messages(job({ template: template(podSpec(), { app: 'pi' }) })), [required]);
    assertRejects(
      job({ template: template({ ...podSpec(), restartPolicy: 'Sometimes' }, { app: 'pi' }) }),
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    );
  });

  it('checks counts', () => {
    assertRejects(job({ completions: -1 }), 'spec.completions: Invalid value: -1: must be greater than or equal to 0');
    assertRejects(job({ parallelism: -2 }), 'spec.parallelism: Invalid value: -2: must be greater than or equal to 0');
    assertRejects(job({ backoffLimit: -1 }), 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0');
    assertRejects(job({ activeDeadlineSeconds: -5 }), 'spec.activeDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0');
  });

  it('checks the completion mode', () => {
    assertRejects(job({ completionMode: 'Sequential' }), 'spec.completionMode: Unsupported value: "Sequential": supported values: "NonIndexed", "Indexed"');
    assertRejects(job({ completionMode: 'Indexed', parallelism: 2 }), 'spec.completions: Required value: when completion mode is Indexed');
  });

  it('checks a given selector against the template', () => {
    assertRejects(
      job({ manualSelector: true, selector: { matchLabels: { app: 'other' } } }),
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"pi"}: `selector` does not match template `labels`',
    );
    assertRejects(job({ manualSelector: true }), 'spec.selector: Required value');
  });
});

describe('CronJob', () => {
  it('accepts 5-field schedules and macros', () => {
    for (const schedule of ['*/5 * * * *', '0 0 * * 0', '@daily', '@hourly', '0 9 * JAN-MAR mon-fri', '0 0 30 2 *', '@every 1h30m']) {
      assertValid(cronJob({ schedule }));
    }
  });

  it('rejects bad schedules with robfig/cron’s messages', () => {
    assertRejects(cronJob({ schedule: '' }), 'spec.schedule: Required value');
    assertRejects(cronJob({ schedule: '* * *' }), 'spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]');
    assertRejects(cronJob({ schedule: '0 0 * * * *' }), 'spec.schedule: Invalid value: "0 0 * * * *": expected exactly 5 fields, found 6: [0 0 * * * *]');
    assertRejects(cronJob({ schedule: '61 * * * *' }), 'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
    assertRejects(cronJob({ schedule: '5-1 * * * *' }), 'spec.schedule: Invalid value: "5-1 * * * *": beginning of range (5) beyond end of range (1): 5-1');
    assertRejects(cronJob({ schedule: '*/0 * * * *' }), 'spec.schedule: Invalid value: "*/0 * * * *": step of range should be a positive number: */0');
    assertRejects(
      cronJob({ schedule: 'x * * * *' }),
      'spec.schedule: Invalid value: "x * * * *": failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    );
    assertRejects(cronJob({ schedule: '@fortnightly' }), 'spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly');
    assertRejects(cronJob({ schedule: 'TZ=UTC 0 * * * *' }), 'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  });

  it('checks the time zone', () => {
    assertValid(cronJob({ timeZone: 'Europe/Berlin' }));
    assertRejects(cronJob({ timeZone: 'Mars/Olympus' }), 'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus');
    assertRejects(cronJob({ timeZone: '' }), 'spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string');
    assertRejects(cronJob({ timeZone: 'Local' }), 'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  });

  it('checks the job template and policies', () => {
    assertRejects(
      cronJob({ jobTemplate: { spec: { template: template(podSpec(), { app: 'hello' }) } } }),
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    );
    assertRejects(cronJob({ concurrencyPolicy: 'Sometimes' }), 'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"');
    assertRejects(cronJob({ successfulJobsHistoryLimit: -1 }), 'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0');
    const long = { ...cronJob(), metadata: { name: 'x'.repeat(53), namespace: 'default' } };
    assertRejects(long, `metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`);
  });
});
