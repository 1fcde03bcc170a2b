// `kubectl describe` for Deployments and ReplicaSets / ReplicationControllers: replica counts,
// strategy, the pod template, conditions, and (deployments) the old and new ReplicaSets.
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../api/types.js';
import type { KObject } from '../../api/object.js';
import { findNewReplicaSet, findOldReplicaSets } from '../../controllers/deployment/replicaSets.js';
import { selectorText } from '../common.js';
import { controlledBy, type Describer } from './context.js';
import { writeContainers } from './containers.js';
import { rfc1123z, writeAnnotations, writeLabels, writeTolerations } from './fields.js';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefixWriter.js';
import { writeVolumes } from './volumes.js';

/** The `Pod Template:` section (DescribePodTemplate). */
export function writePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>\n');
    return;
  }
  const spec = template.spec ?? { containers: [] };
  writeLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) writeAnnotations(w, '  Annotations', template.metadata?.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) writeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  writeContainers(w, 'Containers', spec.containers, undefined, '  ');
  writeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  writeLabels(w, '  Node-Selectors', spec.nodeSelector);
  writeTolerations(w, '  Tolerations', spec.tolerations);
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
}

function writeConditions(w: PrefixWriter, conditions: Condition[] | undefined): void {
  if (!conditions?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/** `web-7c5d (3/3 replicas created), web-6b4f (1/1 replicas created)` or `<none>`. */
function replicaSetsText(list: ReplicaSet[]): string {
  return list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ') || '<none>';
}

export const describeDeployment: Describer<Deployment> = (w, d, ctx) => {
  const spec = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const status = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  writeLabels(w, 'Labels', d.metadata.labels);
  writeAnnotations(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorText(spec.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? 'RollingUpdate'}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if ((spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru?.maxUnavailable ?? '25%'} max unavailable, ${ru?.maxSurge ?? '25%'} max surge\n`);
  }
  writePodTemplate(w, spec.template);
  writeConditions(w, status.conditions);
  const owned = ctx.store.list<ReplicaSet>('ReplicaSet', { namespace: d.metadata.namespace, ownerUid: d.metadata.uid });
  const fresh = findNewReplicaSet(d, owned);
  // kubectl lists only the old ReplicaSets that still have replicas.
  const old = findOldReplicaSets(d, owned).filter((rs) => (rs.spec?.replicas ?? 0) !== 0);
  w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsText(old)}\n`);
  w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsText(fresh ? [fresh] : [])}\n`);
};

/** ReplicaSets and ReplicationControllers share one layout (describeReplicaSet / describeReplicationController). */
export const describeReplicaSet: Describer<ReplicaSet> = (w, rs, ctx) => {
  const spec = rs.spec ?? ({} as NonNullable<ReplicaSet['spec']>);
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorText(spec.selector as Parameters<typeof selectorText>[0])}\n`);
  writeLabels(w, 'Labels', rs.metadata.labels);
  writeAnnotations(w, 'Annotations', rs.metadata.annotations);
  const owner = controlledBy(rs);
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${spec.replicas ?? 1} desired\n`);
  const counts = podPhases(ctx.store.list('Pod', { namespace: rs.metadata.namespace, ownerUid: rs.metadata.uid }));
  w.write(LEVEL_0, `Pods Status:\t${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
  writePodTemplate(w, spec.template);
  writeConditions(w, rs.status?.conditions);
};

function podPhases(pods: KObject[]): Record<'Running' | 'Pending' | 'Succeeded' | 'Failed', number> {
  const out = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    const phase = (p.status?.phase ?? 'Pending') as keyof typeof out;
    if (phase in out) out[phase]++;
  }
  return out;
}
