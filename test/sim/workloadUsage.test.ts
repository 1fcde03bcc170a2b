// The usage model metrics-server stands in for: annotations (fixed or a drifting range), else 30 % of
// the cpu request (60 % of the memory request) with a small wobble, idle values without requests,
// nothing for pods that are not running, plus injected load over a workload's ready pods.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../src/api/types.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { WorkloadUsage } from '../../src/sim/workloadUsage.js';
import { Store } from '../../src/store/store.js';

function setup() {
  const clock = new VirtualClock();
  const store = new Store(clock, new SeededRandom(1));
  return { clock, store, usage: new WorkloadUsage(store, clock) };
}

function runningPod(name: string, opts: { requests?: Record<string, string>; annotations?: Record<string, string>; ready?: boolean; labels?: Record<string, string>; phase?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: opts.labels ?? { app: 'web' }, annotations: opts.annotations },
    spec: { containers: [{ name: 'app', image: 'nginx', resources: opts.requests ? { requests: opts.requests } : {} }] },
    status: {
      phase: opts.phase ?? 'Running',
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }],
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }],
    },
  } as Pod;
}

describe('usage model', () => {
  it('annotations give a fixed usage, or a range the usage drifts through', () => {
    const { clock, usage } = setup();
    const fixed = runningPod('a', { annotations: { 'sim.kubesim.dev/cpu': '250m', 'sim.kubesim.dev/memory': '96Mi' } });
    assert.deepEqual(usage.podUsage(fixed), { cpuMilli: 250, memoryBytes: 96 * 1024 * 1024 });
    const ranged = runningPod('b', { annotations: { 'sim.kubesim.dev/cpu': '100m-400m' } });
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) {
      seen.push(usage.podUsage(ranged)!.cpuMilli);
      clock.setNow(clock.now() + 10_000);
    }
    assert.ok(Math.min(...seen) >= 100 && Math.max(...seen) <= 400, seen.join(','));
    assert.ok(Math.max(...seen) - Math.min(...seen) > 150, 'it moves across the range over the 5-minute period');
  });

  it('without annotations: about 30 % of the cpu request and 60 % of the memory request; idle values without requests', () => {
    const { usage } = setup();
    const u = usage.podUsage(runningPod('a', { requests: { cpu: '1', memory: '100Mi' } }))!;
    assert.ok(u.cpuMilli >= 276 && u.cpuMilli <= 324, `cpu ${u.cpuMilli} within 300m ± 8 %`);
    assert.equal(u.memoryBytes, Math.round(100 * 1024 * 1024 * 0.6));
    const idle = usage.podUsage(runningPod('b'))!;
    assert.ok(idle.cpuMilli >= 4 && idle.cpuMilli <= 6);
    assert.equal(idle.memoryBytes, 16 * 1024 * 1024);
  });

  it('a pod that is not running has no metrics', () => {
    const { usage } = setup();
    assert.equal(usage.podUsage(runningPod('a', { phase: 'Pending' })), undefined);
  });

  it('injected load is shared by the workload’s ready pods only', () => {
    const { store, usage } = setup();
    store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } } } as never, { trusted: true });
    const pods = ['a', 'b'].map((n) => store.create(runningPod(n, { annotations: { 'sim.kubesim.dev/cpu': '100m' } }), { trusted: true }));
    const unready = store.create(runningPod('c', { annotations: { 'sim.kubesim.dev/cpu': '100m' }, ready: false }), { trusted: true });
    usage.setLoad({ kind: 'Deployment', namespace: 'default', name: 'web', cpuMilli: 900, memoryBytes: 0 });
    assert.deepEqual(pods.map((p) => usage.podUsage(p)!.cpuMilli), [550, 550]);
    assert.equal(usage.podUsage(unready)!.cpuMilli, 100);
    assert.equal(usage.nodeUsage('nowhere').cpuMilli, 0);
  });
});
