// One metric of an HPA (horizontal.go computeReplicasForMetric and the computeStatusFor* helpers):
// a proposal, the MetricStatus to report, and, when it fails, the Warning event and the
// ScalingActive condition Kubernetes would set — with its error messages, wrapped the same way.
//
// Resource metrics come from the simulated metrics-server. kubesim serves no custom.metrics.k8s.io
// or external.metrics.k8s.io API, so Pods, Object and External metrics fail exactly as they do on a
// cluster without a metrics adapter.
import { kindInfo } from '../../api/kinds.js';
import { formatQuantity, milliValue, newMilliQuantity, tryParseQuantity } from '../../api/quantity.js';
import type { autoscaling, Pod } from '../../api/types.js';
import type { UsageModel } from '../../sim/usage.js';
import { MSG, type ConditionChange } from './conditions.js';
import { averageValueReplicas, MetricError, resourceReplicas, type CalculatorSettings, type ReplicaProposal, type ResourceInput } from './replicaCalculator.js';
import { fetchResourceMetrics } from './resourceMetrics.js';

export type MetricSpec = autoscaling.MetricSpec;
export type MetricStatus = autoscaling.MetricStatus;

export interface MetricEnv {
  namespace: string;
  usage: UsageModel;
  now: number;
  settings: CalculatorSettings;
  /** Records a Warning event on the HPA. */
  warn(reason: string, message: string): void;
}

export interface MetricContext {
  /** Scale.spec.replicas */
  specReplicas: number;
  /** The pods of the target's selector. */
  pods: readonly Pod[];
}

/** What the decision log says about one metric. */
export interface MetricReport {
  /** `cpu`, `memory`, `pods metric requests_per_second`. */
  label: string;
  /** `80%`, `200Mi`, `1k`. */
  target: string;
  targetType: 'Utilization' | 'AverageValue' | 'Value';
  resource?: string;
  proposal?: ReplicaProposal;
}

export type MetricResult =
  | { ok: true; replicas: number; metricName: string; status: MetricStatus; report: MetricReport }
  | { ok: false; error: string; condition: ConditionChange; report: MetricReport };

class Failure extends Error {
  constructor(
    /** The error computeReplicasForMetric returns (wrapped). */
    message: string,
    readonly reason: string,
    /** What the event and the condition say (the inner error). */
    readonly inner: string,
  ) {
    super(message);
  }
}

function milli(q: unknown): number | undefined {
  const parsed = tryParseQuantity(q as string | number | undefined);
  return parsed ? milliValue(parsed) : undefined;
}

function quantityText(q: unknown): string {
  const parsed = tryParseQuantity(q as string | number | undefined);
  return parsed ? formatQuantity(parsed) : String(q ?? '');
}

/** resource.NewMilliQuantity(v, DecimalSI).String(), as the status reports averages. */
export function milliQuantityText(value: number): string {
  return formatQuantity(newMilliQuantity(Math.trunc(value), 'DecimalSI'));
}

/** Go's %+v of a *metav1.LabelSelector, as External metric names and errors print it. */
function goSelector(sel: autoscaling.MetricIdentifier['selector']): string {
  if (!sel) return 'nil';
  const labels = Object.entries(sel.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}: ${v},`)
    .join('');
  const exprs = (sel.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

function resourceMetric(env: MetricEnv, ctx: MetricContext, source: autoscaling.ResourceMetricSource): MetricResult {
  const name = source.name;
  const target = source.target ?? ({} as autoscaling.MetricTarget);
  const averageValue = target.averageValue !== undefined && target.averageValue !== null ? milli(target.averageValue) : undefined;
  const utilization = target.averageUtilization;
  const report: MetricReport = {
    label: name,
    resource: name,
    target: averageValue !== undefined ? quantityText(target.averageValue) : `${utilization ?? '?'}%`,
    targetType: averageValue !== undefined ? 'AverageValue' : 'Utilization',
  };
  const wrap = (inner: string) => new Failure(`failed to get ${name} resource metric value: ${inner}`, 'FailedGetResourceMetric', inner);
  try {
    if (averageValue !== undefined) {
      const proposal = calculate(env, ctx, name, (input) => averageValueReplicas({ ...input, targetAverage: averageValue }), (m) => wrap(`failed to get ${name} usage: ${m}`));
      report.proposal = proposal;
      return {
        ok: true,
        replicas: proposal.replicas,
        metricName: `${name} resource`,
        status: { type: 'Resource', resource: { name, current: { averageValue: milliQuantityText(proposal.averageValue) } } },
        report,
      };
    }
    if (utilization === undefined || utilization === null) {
      throw wrap('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
    }
    const proposal = calculate(env, ctx, name, (input) => resourceReplicas({ ...input, targetUtilization: utilization }), (m) => wrap(`failed to get ${name} utilization: ${m}`));
    report.proposal = proposal;
    return {
      ok: true,
      replicas: proposal.replicas,
      metricName: `${name} resource utilization (percentage of request)`,
      status: {
        type: 'Resource',
        resource: { name, current: { averageUtilization: proposal.utilization, averageValue: milliQuantityText(proposal.averageValue) } },
      },
      report,
    };
  } catch (e) {
    return failed(env, e, report);
  }
}

/** Reads the samples and applies the formula; a MetricError becomes the caller's wrapped Failure. */
function calculate(
  env: MetricEnv,
  ctx: MetricContext,
  resource: string,
  formula: (input: ResourceInput) => ReplicaProposal,
  wrap: (message: string) => Failure,
): ReplicaProposal {
  try {
    const metrics = fetchResourceMetrics(env.usage, ctx.pods, resource, env.now);
    return formula({ currentReplicas: ctx.specReplicas, resource, pods: ctx.pods, metrics, now: env.now, settings: env.settings });
  } catch (e) {
    if (e instanceof MetricError) throw wrap(e.message);
    throw e;
  }
}

function failed(env: MetricEnv, e: unknown, report: MetricReport): MetricResult {
  if (!(e instanceof Failure)) throw e;
  env.warn(e.reason, e.inner);
  return { ok: false, error: e.message, condition: { type: 'ScalingActive', status: 'False', reason: e.reason, message: MSG.unableToCompute(e.inner) }, report };
}

const NO_CUSTOM_API = 'unable to fetch metrics from custom metrics API: the server could not find the requested resource';
const NO_EXTERNAL_API = 'unable to fetch metrics from external metrics API: the server could not find the requested resource';

function containerResourceMetric(env: MetricEnv, source: autoscaling.ContainerResourceMetricSource): MetricResult {
  const t = source.target ?? ({} as autoscaling.MetricTarget);
  const average = t.averageValue !== undefined && t.averageValue !== null;
  const report: MetricReport = { label: `${source.name} of container ${source.container}`, resource: source.name, target: average ? quantityText(t.averageValue) : `${t.averageUtilization}%`, targetType: average ? 'AverageValue' : 'Utilization' };
  // The usage model measures pods, not containers: there is no per-container sample to read.
  const inner = `failed to get ${source.name} ${average ? 'usage' : 'utilization'}: unable to get metrics for resource ${source.name}: failed to get container metrics: kubesim reports usage per pod, not per container`;
  return failed(env, new Failure(`failed to get ${source.container} container metric value: ${inner}`, 'FailedGetContainerResourceMetric', inner), report);
}

function podsMetric(env: MetricEnv, source: autoscaling.PodsMetricSource): MetricResult {
  const name = source.metric?.name ?? '';
  const report: MetricReport = { label: `pods metric ${name}`, target: quantityText(source.target?.averageValue), targetType: 'AverageValue' };
  const inner = `unable to get metric ${name}: ${NO_CUSTOM_API} (get pods.custom.metrics.k8s.io *)`;
  return failed(env, new Failure(`failed to get pods metric value: ${inner}`, 'FailedGetPodsMetric', inner), report);
}

function objectMetric(env: MetricEnv, source: autoscaling.ObjectMetricSource): MetricResult {
  const name = source.metric?.name ?? '';
  const obj = source.describedObject ?? ({} as autoscaling.CrossVersionObjectReference);
  const t = source.target ?? ({} as autoscaling.MetricTarget);
  const isValue = t.type === 'Value' && t.value !== undefined && t.value !== null;
  const isAverage = t.type === 'AverageValue' && t.averageValue !== undefined && t.averageValue !== null;
  const report: MetricReport = {
    label: `${obj.kind} metric ${name}`,
    target: quantityText(isValue ? t.value : t.averageValue),
    targetType: isValue ? 'Value' : 'AverageValue',
  };
  if (!isValue && !isAverage) {
    const inner = 'invalid object metric source: neither a value target nor an average value target was set';
    return failed(env, new Failure(`failed to get object metric value: ${inner}`, 'FailedGetObjectMetric', inner), report);
  }
  const plural = kindInfo(obj.kind)?.plural ?? `${obj.kind.toLowerCase()}s`;
  const inner = `unable to get metric ${name}: ${obj.kind} on ${env.namespace} ${obj.name}/${NO_CUSTOM_API} (get ${plural}.custom.metrics.k8s.io ${obj.name})`;
  const returned = isValue ? inner : `failed to get ${name} object metric: ${inner}`;
  return failed(env, new Failure(`failed to get object metric value: ${returned}`, 'FailedGetObjectMetric', inner), report);
}

function externalMetric(env: MetricEnv, source: autoscaling.ExternalMetricSource): MetricResult {
  const name = source.metric?.name ?? '';
  const t = source.target ?? ({} as autoscaling.MetricTarget);
  const isAverage = t.averageValue !== undefined && t.averageValue !== null;
  const isValue = t.value !== undefined && t.value !== null;
  const report: MetricReport = { label: `external metric ${name}`, target: quantityText(isAverage ? t.averageValue : t.value), targetType: isAverage ? 'AverageValue' : 'Value' };
  if (!isAverage && !isValue) {
    const inner = 'invalid external metric source: neither a value target nor an average value target was set';
    return failed(env, new Failure(`failed to get ${name} external metric value: ${inner}`, 'FailedGetExternalMetric', inner), report);
  }
  const inner = `unable to get external metric ${env.namespace}/${name}/${goSelector(source.metric?.selector)}: ${NO_EXTERNAL_API} (get ${name}.external.metrics.k8s.io)`;
  const returned = isAverage ? `failed to get ${name} external metric: ${inner}` : `failed to get external metric ${name}: ${inner}`;
  return failed(env, new Failure(`failed to get ${name} external metric value: ${returned}`, 'FailedGetExternalMetric', inner), report);
}

/** computeReplicasForMetric: one metric spec. */
export function computeMetric(env: MetricEnv, ctx: MetricContext, spec: MetricSpec): MetricResult {
  switch (spec.type) {
    case 'Resource':
      if (spec.resource) return resourceMetric(env, ctx, spec.resource);
      break;
    case 'ContainerResource':
      if (spec.containerResource) return containerResourceMetric(env, spec.containerResource);
      break;
    case 'Pods':
      if (spec.pods) return podsMetric(env, spec.pods);
      break;
    case 'Object':
      if (spec.object) return objectMetric(env, spec.object);
      break;
    case 'External':
      if (spec.external) return externalMetric(env, spec.external);
      break;
  }
  const inner = `unknown metric source type "${spec.type}"`;
  return failed(env, new Failure(inner, 'InvalidMetricSourceType', inner), { label: String(spec.type), target: '', targetType: 'Value' });
}
