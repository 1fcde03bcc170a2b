import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Deployment, Pod } from '../../src/api/types.js';
import { loadScenarioFile } from '../../src/scenario/parseScenario.js';
import { SCENARIO_COMPONENT } from '../../src/scenario/runner.js';
import { ScenarioSession, startScenario } from '../../src/scenario/session.js';
import { scenarioJson } from '../../src/scenario/timelineJson.js';
import { scratchDir } from '../helpers/scratchDir.js';
import { runTo } from './helpers.js';

const dir = scratchDir('kubesim-runner-');

writeFileSync(
  join(dir, 'web.yaml'),
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.26", resources: {requests: {cpu: 100m}}}]
`,
);
writeFileSync(join(dir, 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n');
const path = join(dir, 'scenario.yaml');
writeFileSync(
  path,
  `apiVersion: kubesim.dev/v1
kind: Scenario
metadata: {name: lesson, annotations: {description: a small lesson}}
spec:
  nodes: {count: 2}
  manifests: [web.yaml]
  steps:
    - {at: 30s, scale: {deployment/web: 3}, note: three}
    - {at: 60s, fault: {crashPod: deployment/web}}
    - {at: 90s, load: {deployment/web: {cpu: 250m}}}
    - {at: 2m, delete: [deployment/web]}
    - {at: 2m, apply: [extra.yaml]}
    - {at: 3m, scale: {deployment/web: 1}}
    - {at: 4m, fault: {nodeDown: node-2}}
`,
);
const { scenario } = loadScenarioFile(path);

test('each step runs at its time and records a scenario decision; a refused step is recorded and the rest go on', () => {
  const { cluster, runner } = startScenario(scenario, 3);
  assert.equal(cluster.store.get<Deployment>('Deployment', 'default', 'web')?.spec?.replicas, 2);
  const start = cluster.decisions.query({ component: SCENARIO_COMPONENT });
  assert.equal(start.length, 1);
  assert.equal(start[0].action, 'apply web.yaml (1 object)');
  assert.equal(start[0].reason, 'scenario lesson starts: deployment.apps/web created; 7 steps to come');

  runTo(cluster, 29);
  assert.equal(cluster.store.get<Deployment>('Deployment', 'default', 'web')?.spec?.replicas, 2);
  assert.equal(runner.next()?.label, 'scale deployment/web to 3');
  runTo(cluster, 30);
  assert.equal(cluster.store.get<Deployment>('Deployment', 'default', 'web')?.spec?.replicas, 3);

  runTo(cluster, 59);
  const restartsBefore = cluster.store.list<Pod>('Pod').reduce((n, p) => n + (p.status?.containerStatuses?.[0]?.restartCount ?? 0), 0);
  runTo(cluster, 75);
  const restartsAfter = cluster.store.list<Pod>('Pod').reduce((n, p) => n + (p.status?.containerStatuses?.[0]?.restartCount ?? 0), 0);
  assert.equal(restartsAfter, restartsBefore + 1, 'the crashed container was restarted once');

  runTo(cluster, 90);
  assert.deepEqual(cluster.usage.injectedLoads(), [{ kind: 'Deployment', namespace: 'default', name: 'web', cpuMilli: 250, memoryBytes: 0 }]);

  runTo(cluster, 300);
  assert.ok(runner.finished);
  assert.ok(cluster.store.get('ConfigMap', 'default', 'extra'));
  assert.ok(cluster.kubelets.isStopped('node-2'));
  const timeline = runner.timeline();
  assert.deepEqual(
    timeline.map((e) => [e.atMs / 1000, e.status]),
    [[30, 'done'], [60, 'done'], [90, 'done'], [120, 'done'], [120, 'done'], [180, 'failed'], [240, 'done']],
  );
  assert.equal(timeline[5].outcome?.message, 'deployments.apps "web" not found');
  assert.match(timeline[1].outcome!.message, /^pod\/web-[a-z0-9]+-[a-z0-9]{5}: container web crashed \(exit code 1\); restartPolicy Always: the kubelet restarts it/);

  const decisions = cluster.decisions.query({ component: SCENARIO_COMPONENT }).slice(1);
  assert.deepEqual(
    decisions.map((d) => d.action),
    [
      'step 1 at 30s: scale deployment/web to 3',
      'step 2 at 1m: crash a pod of deployment/web',
      'step 3 at 1m30s: load deployment/web with cpu 250m',
      'step 4 at 2m: delete deployment/web',
      'step 5 at 2m: apply extra.yaml (1 object)',
      'step 6 at 3m: scale deployment/web to 1',
      'step 7 at 4m: node node-2 goes down (its kubelet stops)',
    ],
  );
  assert.equal(decisions[0].reason, 'deployment.apps/web scaled (three)');
  assert.deepEqual(decisions[0].object, { kind: 'Deployment', namespace: 'default', name: 'web' });
  assert.equal(decisions[5].reason, 'refused: deployments.apps "web" not found; the scenario goes on');
  assert.deepEqual(decisions[6].object, { kind: 'Node', name: 'node-2' });
  for (const d of decisions) assert.equal(d.time - cluster.clock.startedAt, (d.details as { atMs: number }).atMs);
});

test('the timeline as JSON has times in seconds and each outcome', () => {
  const { cluster, runner } = startScenario(scenario, 3);
  runTo(cluster, 45);
  const json = scenarioJson(runner);
  assert.equal(json.name, 'lesson');
  assert.equal(json.finished, false);
  assert.deepEqual(json.steps[0], { step: 1, at: 30, label: 'scale deployment/web to 3', note: 'three', status: 'done', ranAt: 30, message: 'deployment.apps/web scaled' });
  assert.deepEqual(json.steps[1], { step: 2, at: 60, label: 'crash a pod of deployment/web', status: 'pending' });
});

test('a restart builds a fresh cluster from the same scenario and seed; the old one runs no more steps', () => {
  const session = new ScenarioSession(scenario, 7);
  const first = session.cluster;
  runTo(first, 100);
  assert.equal(session.runner.timeline().filter((e) => e.status !== 'pending').length, 3);
  const swapped: unknown[] = [];
  session.subscribe((c) => swapped.push(c));
  const second = session.restart();
  assert.notEqual(second, first);
  assert.deepEqual(swapped, [second]);
  assert.equal(session.restarts, 1);
  assert.equal(second.clock.now(), second.clock.startedAt);
  assert.ok(session.runner.timeline().every((e) => e.status === 'pending'));
  assert.equal(second.store.get<Deployment>('Deployment', 'default', 'web')?.spec?.replicas, 2);
  // Same seed, same start: the same pods as any fresh run of the scenario with that seed.
  const fresh = startScenario(scenario, 7).cluster;
  runTo(second, 10);
  runTo(fresh, 10);
  const names = (c: typeof first) => c.store.list('Pod').map((p) => p.metadata.name).sort();
  assert.equal(names(second).length, 2);
  assert.deepEqual(names(second), names(fresh));
  // The thrown-away cluster keeps no scenario timers: deleting web at 2m does not happen there.
  runTo(first, 200);
  assert.ok(first.store.get('Deployment', 'default', 'web'));
  runTo(second, 200);
  assert.equal(second.store.get('Deployment', 'default', 'web'), undefined);
});
