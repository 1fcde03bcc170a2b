// podFailurePolicy (pod_failure_policy.go): the first rule matching a failed pod decides — FailJob
// fails the whole Job at once, Ignore does not count the failure against backoffLimit, Count counts
// it as usual. Rules match on a container's non-zero exit code (In / NotIn) or on a pod condition.
import type { Job, Pod } from '../../api/types.js';

export type FailureAction = 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';

export interface PolicyMatch {
  /** Set for FailJob: the Failed condition's message. */
  failJobMessage?: string;
  /** False for Ignore. */
  countFailed: boolean;
  action?: FailureAction;
  rule?: number;
}

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

function matchingContainer(statuses: readonly ContainerStatus[] | undefined, req: { containerName?: string; operator: string; values: readonly number[] }): ContainerStatus | undefined {
  for (const s of statuses ?? []) {
    const terminated = s.state?.terminated;
    if (!terminated) continue;
    if (req.containerName && req.containerName !== s.name) continue;
    const code = terminated.exitCode ?? 0;
    if (code === 0) continue;
    const listed = req.values.includes(code);
    if ((req.operator === 'In' && listed) || (req.operator === 'NotIn' && !listed)) return s;
  }
  return undefined;
}

export function matchPodFailurePolicy(job: Job, pod: Pod): PolicyMatch {
  const policy = job.spec?.podFailurePolicy;
  if (!policy) return { countFailed: true };
  const rules = policy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index];
    const action = rule.action as FailureAction;
    let matched: string | undefined;
    if (rule.onExitCodes) {
      const req = rule.onExitCodes;
      const s = matchingContainer(pod.status?.containerStatuses, req) ?? matchingContainer(pod.status?.initContainerStatuses, req);
      if (s) matched = `Container ${s.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${s.state!.terminated!.exitCode} matching ${action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const c = (pod.status?.conditions ?? []).find((cond) => rule.onPodConditions!.some((p) => p.type === cond.type && (p.status ?? 'True') === cond.status));
      if (c) matched = `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${c.type} matching ${action} rule at index ${index}`;
    }
    if (matched === undefined) continue;
    switch (action) {
      case 'Ignore':
        return { countFailed: false, action, rule: index };
      case 'Count':
      case 'FailIndex':
        return { countFailed: true, action, rule: index };
      case 'FailJob':
        return { countFailed: true, action, rule: index, failJobMessage: matched };
    }
  }
  return { countFailed: true };
}
