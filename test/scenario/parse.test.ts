import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManifestErrors } from '../../src/manifests/errors.js';
import { shippedScenarios } from '../../src/scenario/catalog.js';
import { loadScenarioFile } from '../../src/scenario/parseScenario.js';
import { scratchDir } from '../helpers/scratchDir.js';

const dir = scratchDir('kubesim-scenario-');

writeFileSync(
  join(dir, 'app.yaml'),
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.26"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "redis:7"}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`,
);

function scenarioFile(name: string, body: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `apiVersion: kubesim.dev/v1\nkind: Scenario\nmetadata:\n  name: ${name}\n${body}`);
  return path;
}

/** The messages of every problem a bad scenario gets. */
function problems(path: string): string[] {
  try {
    loadScenarioFile(path);
  } catch (error) {
    assert.ok(error instanceof ManifestErrors, String(error));
    return error.problems.map((p) => p.message);
  }
  assert.fail('the scenario was accepted');
}

test('a scenario with every step type parses, steps in time order with their labels', () => {
  const path = scenarioFile(
    'all-steps',
    `  annotations: {description: "every step"}
spec:
  nodes:
    - {name: node-1, cpu: "4", memory: 8Gi, labels: {zone: a}}
    - {name: node-2, cpu: "2", memory: 4Gi, pods: 20, taints: ["dedicated=gpu:NoSchedule"]}
  manifests: [app.yaml]
  steps:
    - {at: 9m, fault: {nodeUp: node-2}}
    - {at: 60s, apply: [app.yaml]}
    - {at: 90s, set: {image: {deployment/web: {web: "nginx:1.27"}}}}
    - {at: 2m, scale: {deployment/web: 6}}
    - {at: 3m, rolloutUndo: deployment/web}
    - {at: 4m, delete: [pod/db-0, pvc/data-db-0]}
    - {at: 5m, fault: {nodeDown: node-2}}
    - {at: 6m, fault: {crashPod: deployment/web}}
    - {at: 6m, fault: {crashPod: {pod: default/db-0, exitCode: 137}}}
    - {at: 7m, load: {deployment/web: {cpu: 900m}}, note: "push"}
`,
  );
  const { scenario } = loadScenarioFile(path);
  assert.equal(scenario.name, 'all-steps');
  assert.equal(scenario.description, 'every step');
  assert.deepEqual(scenario.nodes[1], { name: 'node-2', cpu: '2', memory: '4Gi', pods: 20, labels: {}, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  assert.equal(scenario.initial.manifests.length, 2);
  assert.deepEqual(
    scenario.steps.map((s) => [s.atMs / 1000, s.label]),
    [
      [60, 'apply app.yaml (2 objects)'],
      [90, 'set image deployment/web web=nginx:1.27'],
      [120, 'scale deployment/web to 6'],
      [180, 'rollout undo deployment/web'],
      [240, 'delete pod/db-0; delete persistentvolumeclaim/data-db-0'],
      [300, 'node node-2 goes down (its kubelet stops)'],
      [360, 'crash a pod of deployment/web'],
      [360, 'crash pod default/db-0'],
      [420, 'load deployment/web with cpu 900m'],
      [540, 'node node-2 comes back (its kubelet starts)'],
    ],
  );
  assert.equal(scenario.steps[8].note, 'push');
  const crash = scenario.steps[7].actions[0];
  assert.equal(crash.type === 'crashPod' && crash.exitCode, 137);
  // Each step knows where it was written.
  assert.equal(scenario.steps[0].location.line, 13);
});

test('nodes as a count make alike workers; no nodes at all means three', () => {
  const counted = loadScenarioFile(scenarioFile('counted', 'spec:\n  nodes: {count: 2, cpu: "8", memory: 16Gi}\n')).scenario;
  assert.deepEqual(counted.nodes.map((n) => [n.name, n.cpu, n.memory]), [['node-1', '8', '16Gi'], ['node-2', '8', '16Gi']]);
  const bare = loadScenarioFile(scenarioFile('bare', 'spec: {}\n')).scenario;
  assert.deepEqual(bare.nodes.map((n) => n.name), ['node-1', 'node-2', 'node-3']);
});

test('an unknown step type is located at its key', () => {
  const path = scenarioFile('unknown-step', 'spec:\n  manifests: [app.yaml]\n  steps:\n    - {at: 60s, explode: {deployment/web: 1}}\n');
  assert.deepEqual(problems(path), [
    `${path}:8:17: Scenario unknown-step: spec.steps[0].explode: unknown step type "explode": a step has \`at\` and one of apply, set, scale, rolloutUndo, delete, fault, load`,
  ]);
});

test('a bad duration is located at the value and says what a duration looks like', () => {
  const path = scenarioFile('bad-duration', 'spec:\n  manifests: [app.yaml]\n  steps:\n    - at: 1x\n      scale: {deployment/web: 2}\n    - {scale: {deployment/web: 3}}\n');
  const [first, second] = problems(path);
  assert.match(first, new RegExp(`^${escape(path)}:8:7: Scenario bad-duration: spec\\.steps\\[0\\]\\.at: invalid duration "1x": use a number with a unit, e\\.g\\. 30s, 5m`));
  assert.equal(second, `${path}:10:7: Scenario bad-duration: spec.steps[1].at: Required value: when the step runs, counted from the start, e.g. at: 90s`);
});

test('a missing manifest file is located where the scenario names it', () => {
  const path = scenarioFile('missing-file', 'spec:\n  manifests: [app.yaml, nowhere.yaml]\n  steps:\n    - {at: 1m, apply: [later.yaml]}\n');
  assert.deepEqual(problems(path), [
    `${path}:6:25: Scenario missing-file: spec.manifests[1]: manifest file "nowhere.yaml" not found (looked for ${join(dir, 'nowhere.yaml')})`,
    `${path}:8:24: Scenario missing-file: spec.steps[0].apply[0]: manifest file "later.yaml" not found (looked for ${join(dir, 'later.yaml')})`,
  ]);
});

test('unknown targets: a misspelt object, a node not in spec.nodes, an unknown kind, a pod with a generated name', () => {
  const path = scenarioFile(
    'unknown-targets',
    `spec:
  nodes: {count: 2}
  manifests: [app.yaml]
  steps:
    - {at: 1m, scale: {deployment/wbe: 3}}
    - {at: 2m, fault: {nodeDown: node-9}}
    - {at: 3m, delete: [deploymnt/web]}
    - {at: 4m, fault: {crashPod: default/web-abcde}}
    - {at: 5m, scale: {kube-system/deployment/web: 1}}
`,
  );
  assert.deepEqual(problems(path), [
    `${path}:11:25: Scenario unknown-targets: spec.steps[2].delete[0]: target "deploymnt/web": unknown kind "deploymnt"`,
    `${path}:9:24: Scenario unknown-targets: spec.steps[0].scale.deployment/wbe: unknown target deployment/wbe: no Deployment "wbe" in namespace default is declared by the scenario's manifests by then (declared: deployment/web)`,
    `${path}:10:24: Scenario unknown-targets: spec.steps[1].fault.nodeDown: unknown target node "node-9": spec.nodes has node-1, node-2`,
    `${path}:12:24: Scenario unknown-targets: spec.steps[3].fault.crashPod: unknown target pod/web-abcde: no Pod "web-abcde" in namespace default is declared by the scenario's manifests by then; pods made by a Deployment get random names, so name the workload instead (crashPod: deployment/web)`,
    `${path}:13:24: Scenario unknown-targets: spec.steps[4].scale.kube-system/deployment/web: unknown target kube-system/deployment/web: no Deployment "web" in namespace kube-system is declared by the scenario's manifests by then (declared: deployment/web)`,
  ]);
});

test('a target declared only by a later apply is unknown before it', () => {
  writeFileSync(join(dir, 'later-app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: later}\ndata: {a: b}\n');
  const path = scenarioFile('order', 'spec:\n  steps:\n    - {at: 1m, delete: [configmap/later]}\n    - {at: 2m, apply: [later-app.yaml]}\n    - {at: 3m, delete: [configmap/later]}\n');
  const found = problems(path);
  assert.equal(found.length, 1);
  assert.match(found[0], /spec\.steps\[0\]\.delete: unknown target configmap\/later/);
});

test('steps that do two things, typos in fields, bad values and a wrong kind are each reported', () => {
  const path = scenarioFile(
    'many',
    `spec:
  manifests: [app.yaml]
  nodez: 3
  steps:
    - {at: 1m, scale: {deployment/web: 2}, delete: [deployment/web]}
    - {at: 2m, scale: {deployment/web: -1}}
    - {at: 3m, rolloutUndo: statefulset/db}
    - {at: 4m, load: {deployment/web: {cpu: lots}}}
    - {at: 5m, fault: {reboot: node-1}}
`,
  );
  const found = problems(path);
  assert.deepEqual(
    found.map((m) => m.replace(`${path}:`, '')),
    [
      '7:3: Scenario many: spec.nodez: unknown field "nodez" (known here: nodes, manifests, steps)',
      '9:7: Scenario many: spec.steps[0]: a step does one thing; this one has scale and delete: split it into steps at the same time',
      '10:24: Scenario many: spec.steps[1].scale.deployment/web: Invalid value: -1: replicas must be a whole number, 0 or more',
      '11:16: Scenario many: spec.steps[2].rolloutUndo: target "statefulset/db": this step works on deployment, not on a StatefulSet',
      '12:40: Scenario many: spec.steps[3].load.deployment/web.cpu: Invalid value: "lots": must be a quantity such as 900m or 1.5',
      '13:24: Scenario many: spec.steps[4].fault.reboot: unknown fault "reboot": use nodeDown, nodeUp, crashPod',
    ],
  );
});

test('a manifest file with a bad object reports the object\'s own location', () => {
  writeFileSync(join(dir, 'bad-app.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: -1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx}]\n');
  const path = scenarioFile('bad-manifest', 'spec:\n  manifests: [bad-app.yaml]\n');
  const [problem] = problems(path);
  assert.match(problem, new RegExp(`^${escape(join(dir, 'bad-app.yaml'))}:5:3: Deployment default/web: spec\\.replicas: Invalid value: -1: must be greater than or equal to 0`));
});

test('a file that is not a Scenario, or holds more than one document, is refused', () => {
  const manifest = join(dir, 'app.yaml');
  assert.match(problems(manifest)[0], /a scenario file holds one Scenario document/);
  const deployment = join(dir, 'not-scenario.yaml');
  writeFileSync(deployment, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
  assert.deepEqual(problems(deployment), [`${deployment}:2:1: Scenario x: kind: Invalid value: "ConfigMap": a scenario file has kind: Scenario (manifests go in their own files, listed under spec.manifests)`]);
});

test('every shipped scenario parses and has a description', () => {
  const shipped = shippedScenarios();
  assert.deepEqual(
    shipped.map((s) => s.name),
    ['default', 'autoscaling', 'broken-app', 'config', 'jobs', 'node-failure', 'rbac-quota', 'rolling-update', 'scheduling', 'storage'],
  );
  for (const s of shipped) {
    const { scenario } = loadScenarioFile(s.path);
    assert.equal(scenario.name, s.name);
    assert.ok(scenario.description.length > 40, `${s.name} needs a description`);
    assert.equal(s.description, scenario.description);
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
