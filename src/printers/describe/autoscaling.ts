// `kubectl describe hpa` (autoscaling/v2): the target, each metric as current / target, the
// replica bounds, scaling behaviour, replicas now and desired, and the conditions.
import type { HorizontalPodAutoscaler } from '../../api/types.js';
import type { Describer } from './context.js';
import { rfc1123z, writeAnnotations, writeLabels } from './fields.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './prefixWriter.js';

type Rules = NonNullable<NonNullable<NonNullable<HorizontalPodAutoscaler['spec']>['behavior']>['scaleUp']>;

export const describeHpa: Describer<HorizontalPodAutoscaler> = (w, hpa) => {
  const spec = hpa.spec ?? ({} as NonNullable<HorizontalPodAutoscaler['spec']>);
  const status = hpa.status ?? ({} as NonNullable<HorizontalPodAutoscaler['status']>);
  w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace}\n`);
  writeLabels(w, 'Labels', hpa.metadata.labels);
  writeAnnotations(w, 'Annotations', hpa.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
  w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m, i) => {
    if (m.type !== 'Resource' || !m.resource) {
      w.write(LEVEL_1, `${m.type} metric:\t<not simulated>\n`);
      return;
    }
    const name = m.resource.name;
    const current = status.currentMetrics?.[i]?.resource?.current ?? status.currentMetrics?.find((c) => c.resource?.name === name)?.resource?.current;
    const target = m.resource.target;
    if (target.averageUtilization !== undefined) {
      const now = current?.averageUtilization !== undefined ? `${current.averageUtilization}% (${current.averageValue ?? '0'})` : '<unknown>';
      w.write(LEVEL_1, `resource ${name} on pods  (as a percentage of request):\t${now} / ${target.averageUtilization}%\n`);
    } else {
      w.write(LEVEL_1, `resource ${name} on pods:\t${current?.averageValue ?? '<unknown>'} / ${target.averageValue ?? target.value ?? ''}\n`);
    }
  });
  w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas ?? 1}\n`);
  w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas}\n`);
  if (spec.behavior) {
    w.write(LEVEL_0, 'Behavior:\n');
    writeRules(w, 'Scale Up', spec.behavior.scaleUp);
    writeRules(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(LEVEL_0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t${status.currentReplicas ?? 0} current / ${status.desiredReplicas ?? 0} desired\n`);
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------\t-------\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
};

function writeRules(w: PrefixWriter, direction: string, rules: Rules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (!rules.policies?.length) return;
  w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
  w.write(LEVEL_2, 'Policies:\n');
  for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
}
