// What the pulse view draws from the history: one row per series, a label, the sparkline and the
// latest value in words. Requested and used CPU share one scale (so the two rows compare), as do
// the two memory rows; the value says the share of the cluster's allocatable capacity. Counts are
// scaled to their own maximum in view.
import { formatBytesHuman, formatCpuMillis } from '../../api/quantity.js';
import type { PulseSample } from './pulseHistory.js';
import { sparkline } from './sparkline.js';

export interface PulseRow {
  label: string;
  spark: string;
  value: string;
  /** A heading row (an HPA's name) has no graph. */
  heading?: boolean;
  /** Worth noticing: failed pods, nodes not ready, warnings, an HPA at its maximum. */
  alert?: boolean;
}

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '-');
const perMinute = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function pulseRows(samples: readonly PulseSample[], graphWidth: number, ascii: boolean): PulseRow[] {
  const last = samples[samples.length - 1];
  if (!last) return [];
  const series = (pick: (s: PulseSample) => number | undefined) => samples.map(pick);
  const spark = (values: Array<number | undefined>, max?: number) => sparkline(values, graphWidth, { max, ascii });
  const inView = samples.slice(-graphWidth);
  const cpuMax = Math.max(1, ...inView.map((s) => Math.max(s.cpuRequestedMilli, s.cpuUsedMilli)));
  const memMax = Math.max(1, ...inView.map((s) => Math.max(s.memoryRequested, s.memoryUsed)));
  const podsMax = Math.max(1, ...samples.map((s) => s.podsRunning + s.podsPending + s.podsFailed));
  const approx = last.usageEstimated ? '≈' : '';
  const rows: PulseRow[] = [
    { label: 'pods running', spark: spark(series((s) => s.podsRunning), podsMax), value: String(last.podsRunning) },
    { label: 'pods pending', spark: spark(series((s) => s.podsPending), podsMax), value: String(last.podsPending), alert: last.podsPending > 0 },
    { label: 'pods failed', spark: spark(series((s) => s.podsFailed), podsMax), value: String(last.podsFailed), alert: last.podsFailed > 0 },
    { label: 'nodes ready', spark: spark(series((s) => s.nodesReady), Math.max(1, last.nodes)), value: `${last.nodesReady}/${last.nodes}`, alert: last.nodesReady < last.nodes },
    { label: 'cpu requested', spark: spark(series((s) => s.cpuRequestedMilli), cpuMax), value: `${formatCpuMillis(last.cpuRequestedMilli)} ${percent(last.cpuRequestedMilli, last.cpuAllocatableMilli)}` },
    { label: 'cpu used', spark: spark(series((s) => s.cpuUsedMilli), cpuMax), value: `${approx}${formatCpuMillis(last.cpuUsedMilli)} ${percent(last.cpuUsedMilli, last.cpuAllocatableMilli)}` },
    { label: 'mem requested', spark: spark(series((s) => s.memoryRequested), memMax), value: `${formatBytesHuman(last.memoryRequested)} ${percent(last.memoryRequested, last.memoryAllocatable)}` },
    { label: 'mem used', spark: spark(series((s) => s.memoryUsed), memMax), value: `${approx}${formatBytesHuman(last.memoryUsed)} ${percent(last.memoryUsed, last.memoryAllocatable)}` },
    { label: 'restarts/min', spark: spark(series((s) => s.restartsPerMinute)), value: perMinute(last.restartsPerMinute), alert: last.restartsPerMinute > 0 },
    { label: 'warnings/min', spark: spark(series((s) => s.warningsPerMinute)), value: perMinute(last.warningsPerMinute), alert: last.warningsPerMinute > 0 },
  ];
  for (const hpa of last.hpas) {
    const history = samples.map((s) => s.hpas.find((h) => h.key === hpa.key));
    rows.push({ label: `hpa ${hpa.key}`, spark: '', value: '', heading: true });
    rows.push({
      label: '  replicas',
      spark: spark(history.map((h) => h?.replicas), Math.max(1, hpa.max)),
      value: `${hpa.replicas}${hpa.desired !== hpa.replicas ? `→${hpa.desired}` : ''} (${hpa.min}-${hpa.max})`,
      alert: hpa.replicas >= hpa.max,
    });
    const cpuScale = Math.max(100, 2 * (hpa.target ?? 50), ...history.map((h) => h?.cpu ?? 0));
    rows.push({
      label: '  cpu',
      spark: spark(history.map((h) => h?.cpu), cpuScale),
      value: `${hpa.cpu === undefined ? '<unknown>' : `${hpa.cpu}%`}${hpa.target !== undefined ? ` / ${hpa.target}%` : ''}`,
    });
  }
  return rows;
}
