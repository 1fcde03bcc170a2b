// apps/v1 and core/v1 controller defaults: Deployment, ReplicaSet, StatefulSet, DaemonSet, RC.
import { defaultPodTemplate } from './podSpec.js';
import { defaultPersistentVolumeClaim } from './storage.js';

type Obj = Record<string, any>;

export function defaultDeployment(obj: Obj): void {
  const spec = (obj.spec ??= {});
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
}

export function defaultReplicaSet(obj: Obj): void {
  const spec = (obj.spec ??= {});
  spec.replicas ??= 1;
  defaultPodTemplate(spec.template);
}

/** RCs predate label selectors: the selector, and the RC's own labels, default to the template's labels. */
export function defaultReplicationController(obj: Obj): void {
  const spec = (obj.spec ??= {});
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    const meta = (obj.metadata ??= {});
    if (!meta.labels || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
  }
  spec.replicas ??= 1;
  defaultPodTemplate(spec.template);
}

export function defaultStatefulSet(obj: Obj): void {
  const spec = (obj.spec ??= {});
  spec.podManagementPolicy ||= 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  // An explicit RollingUpdate without rollingUpdate stays without it, as upstream.
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  for (const claim of spec.volumeClaimTemplates ?? []) defaultPersistentVolumeClaim(claim);
}

export function defaultDaemonSet(obj: Obj): void {
  const spec = (obj.spec ??= {});
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
}
