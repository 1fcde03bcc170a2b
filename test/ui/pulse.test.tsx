import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { render } from 'ink-testing-library';
import React from 'react';
import { setTimeout as delay } from 'node:timers/promises';
import { PulseHistory, pulseHistoryFor, stopPulseHistory } from '../../src/ui/model/pulseHistory.js';
import { pulseRows } from '../../src/ui/model/pulseRows.js';
import { asciiTerminal, sparkline } from '../../src/ui/model/sparkline.js';
import { PulseView } from '../../src/ui/views/PulseView.js';
import { command, demoCluster, frameHas, misfit, renderApp, screenLines, waitForFrame } from '../helpers/ui.js';

afterEach(() => cleanup());

test('sparklines scale to a maximum, leave gaps blank, and fall back to ASCII on dumb terminals', () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], 20), '▁▁▂▃▄▅▆▇█');
  assert.equal(sparkline([0, 50, 100, undefined, 100], 20, { max: 100 }), '▁▄█ █');
  assert.equal(sparkline([0, 50, 100], 20, { max: 100, ascii: true }), '_:#');
  assert.equal(sparkline([1, 2, 3, 4], 2), '▆█', 'only the newest values that fit');
  assert.equal(asciiTerminal({ TERM: 'dumb' }), true);
  assert.equal(asciiTerminal({ TERM: 'xterm-256color' }), false);
});

test('the history samples every 10 s of simulated time from running totals, and stays bounded', () => {
  const cluster = demoCluster();
  const history = new PulseHistory(cluster, 10_000, 5).start(0);
  try {
    assert.equal(history.samples().length, 1);
    const first = history.samples()[0];
    assert.equal(first.time, cluster.clock.now());
    assert.equal(first.podsRunning, 3);
    assert.equal(first.podsPending, 0);
    assert.equal(first.nodesReady, 3);
    assert.equal(first.nodes, 3);
    assert.equal(first.cpuRequestedMilli, 300);
    assert.equal(first.memoryRequested, 3 * 64 * 1024 * 1024);
    assert.equal(first.cpuAllocatableMilli, 12_000);
    assert.ok(first.cpuUsedMilli > 0 && first.cpuUsedMilli < 300);

    cluster.advance(35_000);
    history.poll();
    const times = history.samples().map((s) => s.time - cluster.clock.startedAt);
    assert.deepEqual(times, [60_000, 70_000, 80_000, 90_000]);

    // A new pod shows as pending, then running; the ring keeps only the newest five samples.
    cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'extra', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    cluster.advance(60_000);
    history.poll();
    const samples = history.samples();
    assert.equal(samples.length, 5);
    assert.deepEqual(samples.map((s) => s.time - cluster.clock.startedAt), [110_000, 120_000, 130_000, 140_000, 150_000]);
    assert.equal(samples[samples.length - 1].podsRunning, 4);
  } finally {
    history.stop();
  }
});

test('restarts and Warning events become per-minute rates in the sample that follows them', () => {
  const cluster = demoCluster();
  const history = new PulseHistory(cluster).start(0);
  try {
    const pod = cluster.store.list('Pod', { namespace: 'default' })[0];
    cluster.events.record({ component: 'kubelet', host: 'node-1' }, pod, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503');
    assert.ok(cluster.kubelets.crashContainer('default', pod.metadata.name!, 'web', 1));
    cluster.advance(30_000);
    history.poll();
    const samples = history.samples();
    assert.equal(samples.reduce((n, s) => n + s.restartsPerMinute, 0), 6, 'one restart in a 10 s sample is 6 a minute');
    assert.ok(samples.some((s) => s.warningsPerMinute >= 6));
  } finally {
    history.stop();
  }
});

test('each HPA is sampled: replicas against CPU utilisation as load drives the autoscaler (journey 5)', () => {
  const cluster = demoCluster();
  cluster.store.create({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
  });
  const history = new PulseHistory(cluster).start(0);
  try {
    cluster.advance(60_000);
    cluster.usage.setLoad({ kind: 'Deployment', namespace: 'default', name: 'web', cpuMilli: 900, memoryBytes: 0 });
    cluster.advance(180_000);
    history.poll();
    const samples = history.samples();
    const hpa = samples.map((s) => s.hpas[0]).filter((h) => h !== undefined);
    assert.ok(hpa.length >= 20);
    assert.ok(hpa.every((h) => h.key === 'default/web' && h.target === 50 && h.min === 1 && h.max === 10));
    assert.ok(hpa.some((h) => (h.cpu ?? 0) > 100), 'the load shows as utilisation above the target');
    const last = hpa[hpa.length - 1];
    const hpaObject = cluster.store.get('HorizontalPodAutoscaler', 'default', 'web')!;
    assert.equal(last.replicas, hpaObject.status.currentReplicas);
    assert.ok(last.replicas > 3, `scaled up from 3, now ${last.replicas}`);

    const rows = pulseRows(samples, 30, false);
    const heading = rows.findIndex((r) => r.heading);
    assert.equal(rows[heading].label, 'hpa default/web');
    assert.equal(rows[heading + 1].label, '  replicas');
    assert.match(rows[heading + 1].value, new RegExp(`^${last.replicas}(→\\d+)? \\(1-10\\)$`));
    assert.equal(rows[heading + 2].value, `${last.cpu}% / 50%`);
    // Replicas climb: the graph ends higher than it starts.
    const spark = rows[heading + 1].spark;
    assert.ok(spark.at(-1)! > spark[0], spark);
  } finally {
    history.stop();
  }
});

test(':pulse shows the history the dashboard has been keeping, within 80x24', async () => {
  const cluster = demoCluster();
  pulseHistoryFor(cluster);
  cluster.advance(60_000);
  try {
    const app = await renderApp(cluster, { kind: 'Pod', columns: 80, rows: 24 });
    await waitForFrame(app.r, frameHas('pods(default)'));
    await command(app.r, 'pulse');
    const frame = await waitForFrame(app.r, frameHas('pulse: last 1m of simulated time, one column per 10s'));
    const running = screenLines(frame).find((l) => l.includes('pods running'))!;
    assert.match(running, /^ pods running\s+[▁-█]{7}\s+3$/);
    assert.match(frame, /nodes ready\s+[▁-█]+\s+3\/3/);
    assert.match(frame, /cpu requested\s+[▁-█]+\s+300m 3%/);
    assert.equal(misfit(frame, 80, 24), undefined);
  } finally {
    stopPulseHistory(cluster);
  }
});

test('the pulse view draws plain ASCII when asked (TERM=dumb) and marks what needs a look with !', async () => {
  const cluster = demoCluster();
  const history = new PulseHistory(cluster).start(0);
  try {
    cluster.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'huge', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '64' } } }] } });
    cluster.advance(30_000);
    const r = render(<PulseView cluster={cluster} page={{ type: 'pulse', scroll: 0 }} history={history} ascii height={14} width={80} revision={0} />);
    await delay(10);
    const frame = r.lastFrame() ?? '';
    assert.ok(!/[▁-█]/.test(frame));
    assert.match(frame, /^!pods pending\s+[_.,:\-=+#]+\s+1$/m);
    assert.match(frame, /^ pods running\s+[_.,:\-=+#]+\s+3$/m);
  } finally {
    history.stop();
  }
});
