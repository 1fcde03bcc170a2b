// The HPA's decision, in words a learner can follow: the formula with its numbers
// (`cpu 140% of request vs target 80%: ceil(3 × 1.75) = 6, capped by max 5`), why a count was kept
// (`ratio 1.04 within tolerance 0.1`, `scale-down stabilized (highest recommendation in the last
// 300s is 6)`), plus the structured details behind it: per-pod usage and request, how pods were
// counted, the raw and normalized recommendation and the stabilization window.
import { formatBytesHuman, formatCpuMillis } from '../../api/quantity.js';
import type { MetricReport, MetricResult } from './metricSources.js';
import { milliQuantityText } from './metricSources.js';
import type { Normalized, PolicyLimit } from './normalize.js';
import type { ReplicaProposal } from './replicaCalculator.js';
import type { SyncReport, SyncResult } from './syncAutoscaler.js';

export interface DecisionText {
  action: string;
  reason: string;
  details: unknown;
  /** What must change for the decision to be worth recording again. */
  signature: string;
}

const ratio = (r: number) => r.toFixed(2);
/** The decision log is a bounded ring; a huge target should not make one entry huge. */
const MAX_PODS_IN_DETAILS = 100;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A per-pod amount as people read it: `280m` cpu, `96Mi` memory. */
function amount(resource: string | undefined, milli: number): string {
  if (resource === 'cpu') return formatCpuMillis(Math.round(milli));
  if (resource === 'memory') return formatBytesHuman(milli / 1000);
  return milliQuantityText(milli);
}

function fillNote(report: MetricReport, p: ReplicaProposal): string {
  const notes: string[] = [];
  if (p.counts.missing) {
    // A missing pod on a scale-down counts as using all of its request (or the target, if higher).
    const full = `${Math.max(100, Number.parseInt(report.target, 10) || 0)}% of request`;
    const as = p.missingFilledAs === 'zero' ? 'counted as 0%' : p.missingFilledAs === 'request' ? `counted as ${full}` : p.missingFilledAs === 'target' ? 'counted at the target' : 'not counted';
    notes.push(`${plural(p.counts.missing, 'pod')} without metrics ${as}`);
  }
  if (p.counts.unready) notes.push(`${plural(p.counts.unready, 'unready pod')} ${p.unreadyCountedAsZero ? 'counted as 0%' : 'ignored'}`);
  return notes.length ? ` (${notes.join(', ')})` : '';
}

/** `cpu 140% of request vs target 80%` and `ceil(3 × 1.75) = 6`. */
export function metricParts(report: MetricReport, p: ReplicaProposal, tolerance: number): { head: string; formula: string } {
  const now = report.targetType === 'Utilization' ? `${p.utilization}% of request` : `${amount(report.resource, p.averageValue)} per pod`;
  const head = `${report.label} ${now} vs target ${report.target}${fillNote(report, p)}`;
  const r = ratio(p.usageRatio);
  const nr = p.newUsageRatio !== undefined ? ratio(p.newUsageRatio) : '';
  let formula: string;
  switch (p.outcome) {
    case 'within-tolerance':
      formula = `ratio ${r} within tolerance ${tolerance}`;
      break;
    case 'ratio':
      formula = `ceil(${p.podsCounted} × ${r}) = ${p.replicas}`;
      break;
    case 'fill-in':
      formula = `ratio ${r} → ${nr} with those guesses: ceil(${p.podsCounted} × ${nr}) = ${p.replicas}`;
      break;
    case 'fill-in-within-tolerance':
      formula = `ratio ${r} → ${nr} with those guesses, within tolerance ${tolerance}: keep ${p.replicas}`;
      break;
    case 'fill-in-reverses':
      formula = `ratio ${r} → ${nr} with those guesses would reverse the direction: keep ${p.replicas}`;
      break;
    case 'fill-in-count-reverses':
      formula = `ceil(${p.podsCounted} × ${nr}) = ${Math.ceil((p.newUsageRatio ?? 0) * p.podsCounted)} would move against the ratio: keep ${p.replicas}`;
      break;
  }
  return { head, formula };
}

function metricsText(results: readonly MetricResult[], recommended: number, tolerance: number, mentionSkipped = true): string {
  const valid = results.filter((r) => r.ok && r.report.proposal);
  const parts = valid.map((r) => {
    const { head, formula } = metricParts(r.report, r.report.proposal!, tolerance);
    return `${head}: ${formula}`;
  });
  let text = parts.join('; ');
  if (valid.length > 1) text += `; the largest wins: ${recommended}`;
  const skipped = results.filter((r) => !r.ok).map((r) => r.report.label);
  if (skipped.length && mentionSkipped) text += `; ${skipped.join(', ')} unreadable, ignored`;
  return text;
}

function policyText(p: PolicyLimit): string {
  const amountText = p.type === 'Percent' ? `${p.value}%` : `${p.value} pods`;
  return `${p.type} ${amountText} per ${p.periodSeconds}s from ${p.periodStart} → ${p.proposed}`;
}

function limitText(n: Normalized): string {
  const l = n.limit;
  if (!l) return '';
  switch (l.reason) {
    case 'TooManyReplicas':
      return `capped by max ${l.bound}`;
    case 'TooFewReplicas':
      return `raised to min ${l.bound}`;
    default: {
      const direction = l.reason === 'ScaleUpLimit' ? 'scale-up' : 'scale-down';
      if (!l.policies) return `limited to ${l.bound} by the ${direction} limit ${l.rule}`;
      return `limited to ${l.bound} by the ${direction} policies (${l.rule}: ${l.policies.map(policyText).join(', ')})`;
    }
  }
}

function stabilizationText(n: Normalized, current: number, recommended: number): string {
  const s = n.stabilization;
  if (!s) return '';
  // Without spec.behavior the highest recent recommendation always applies, so it can also raise
  // the count when this sync wanted no change (Kubernetes still calls it ScaleDownStabilized).
  if (s.direction === 'down' && recommended >= current) return `the highest recommendation in the last ${s.windowSeconds}s is ${s.bound}`;
  return s.direction === 'down'
    ? `scale-down stabilized (highest recommendation in the last ${s.windowSeconds}s is ${s.bound})`
    : `scale-up stabilized (lowest recommendation in the last ${s.windowSeconds}s is ${s.bound})`;
}

const noCustomApi = (results: readonly MetricResult[]) =>
  results.some((r) => !r.ok && /custom metrics API|external metrics API/.test(r.error)) ? ' (kubesim serves no custom or external metrics API)' : '';

function metricDetails(results: readonly MetricResult[]): unknown[] {
  return results.map((r) => {
    const base = { metric: r.report.label, target: r.report.target };
    if (!r.ok) return { ...base, error: r.error };
    const p = r.report.proposal!;
    return {
      ...base,
      current: r.report.targetType === 'Utilization' ? `${p.utilization}%` : amount(r.report.resource, p.averageValue),
      ratio: Number(p.usageRatio.toFixed(4)),
      ...(p.newUsageRatio !== undefined ? { ratioWithGuesses: Number(p.newUsageRatio.toFixed(4)) } : {}),
      replicas: p.replicas,
      outcome: p.outcome,
      pods: p.counts,
      perPod: p.pods.slice(0, MAX_PODS_IN_DETAILS).map((line) => ({
        pod: line.pod,
        state: line.state,
        ...(line.note ? { note: line.note } : {}),
        ...(line.usage !== undefined ? { usage: amount(r.report.resource, line.usage) } : {}),
        ...(line.request !== undefined ? { request: amount(r.report.resource, line.request) } : {}),
      })),
      ...(p.pods.length > MAX_PODS_IN_DETAILS ? { perPodOmitted: p.pods.length - MAX_PODS_IN_DETAILS } : {}),
    };
  });
}

export interface ExplainInput {
  result: SyncResult;
  target: string;
  min: number;
  max: number;
  now: number;
  tolerance: number;
}

export function explain({ result, target, min, max, now, tolerance }: ExplainInput): DecisionText {
  const report: SyncReport = result.report;
  const base = { target, minReplicas: min, maxReplicas: max };
  if (result.rescale?.error) {
    const { from, to, error } = result.rescale;
    return { action: `failed to scale ${from} → ${to}`, reason: error, details: base, signature: `failed|${to}|${error}` };
  }
  switch (report.kind) {
    case 'no-scale':
      return { action: `cannot read the scale of ${target}`, reason: report.error, details: base, signature: `no-scale|${report.error}` };
    case 'disabled':
      return {
        action: 'not scaling',
        reason: `the target has 0 replicas and minReplicas is ${report.min}: scaling is disabled since the replica count of the target is zero`,
        details: { ...base, current: 0 },
        signature: 'disabled',
      };
    case 'out-of-range': {
      const bound = report.desired === max ? `maxReplicas ${max}` : `minReplicas ${min}`;
      return {
        action: `${report.current} → ${report.desired} replicas`,
        reason: `${report.rescaleReason} (${bound})`,
        details: { ...base, current: report.current, desired: report.desired },
        signature: `range|${report.current}|${report.desired}`,
      };
    }
    case 'selector':
      return { action: `keeping ${report.current}`, reason: report.error, details: { ...base, current: report.current }, signature: `selector|${report.error}` };
    case 'metrics-failed': {
      const m = report.metrics;
      const partial = m.invalidCount < m.results.length;
      const best = Math.max(0, ...m.results.map((r) => (r.ok ? r.replicas : 0)));
      const unreadable = m.results.filter((r) => !r.ok).map((r) => r.report.label).join(', ');
      const why = partial
        ? `${metricsText(m.results, best, tolerance, false)}; but ${unreadable} cannot be read, and an unreadable metric blocks a scale-down: ${m.error}`
        : m.error ?? 'no metrics';
      return {
        action: `keeping ${report.current}`,
        reason: `${why}${noCustomApi(m.results)}`,
        details: { ...base, current: report.current, metrics: metricDetails(m.results) },
        signature: `metrics-failed|${m.error}`,
      };
    }
    case 'computed': {
      const n = report.normalized;
      const desired = result.desired ?? report.current;
      const metrics = metricsText(report.metrics.results, report.recommended, tolerance) + noCustomApi(report.metrics.results);
      const stabilization = stabilizationText(n, report.current, report.recommended);
      const limit = limitText(n);
      const details = {
        ...base,
        current: report.current,
        desired,
        metrics: metricDetails(report.metrics.results),
        recommendation: { raw: report.recommended, stabilized: n.stabilized, normalized: n.desired },
        window: n.window.map((w) => ({ secondsAgo: Math.round((now - w.at) / 1000), replicas: w.replicas })),
        ...(n.stabilization ? { stabilization: n.stabilization } : {}),
        ...(n.limit ? { limit: n.limit } : {}),
        conditions: { AbleToScale: n.ableToScale.reason, ScalingLimited: n.scalingLimited.reason },
      };
      const signature = `computed|${report.current}|${desired}|${report.recommended}|${n.stabilized}|${n.limit?.reason ?? ''}|${report.metrics.invalidCount}`;
      if (result.rescale) {
        const tail = [stabilization, limit].filter(Boolean).join(', ');
        return { action: `${report.current} → ${desired} replicas`, reason: tail ? `${metrics}, ${tail}` : metrics, details, signature };
      }
      let reason: string;
      const only = report.metrics.results.length === 1 && report.metrics.results[0].ok ? report.metrics.results[0] : undefined;
      if (stabilization) reason = `${[stabilization, limit].filter(Boolean).join(', ')}; ${metrics}`;
      else if (only?.report.proposal?.outcome === 'within-tolerance' && !limit) {
        const { head, formula } = metricParts(only.report, only.report.proposal, tolerance);
        reason = `${formula} (${head})`;
      } else reason = limit ? `${metrics}, ${limit}` : metrics;
      return { action: `keeping ${report.current}`, reason, details, signature };
    }
  }
}
