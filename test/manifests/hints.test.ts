// Refusals say what is allowed: a typo gets "did you mean", a field at the wrong level gets where it
// belongs, anything else the list of fields allowed there; Secret data that is not base64 points at
// stringData.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadManifestText } from '../../src/manifests/load.js';
import { ManifestErrors } from '../../src/manifests/errors.js';

function problems(text: string): string[] {
  try {
    loadManifestText(text, 'app.yaml');
  } catch (error) {
    if (error instanceof ManifestErrors) return error.problems.map((p) => p.message);
    throw error;
  }
  return [];
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  lables: {app: web}
spec:
  replica: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        image: nginx
        volumes: []
        frobnicate: 1
bar: 2
`;

test('unknown fields: did you mean, where it belongs, or what is allowed', () => {
  assert.deepEqual(problems(deployment), [
    'app.yaml:5:3: Deployment default/web: unknown field "metadata.lables" (did you mean "metadata.labels"?)',
    'app.yaml:7:3: Deployment default/web: unknown field "spec.replica" (did you mean "spec.replicas"?)',
    'app.yaml:15:9: Deployment default/web: unknown field "spec.template.spec.containers[0].volumes" (volumes is not a field here; it belongs at "spec.template.spec.volumes")',
    'app.yaml:16:9: Deployment default/web: unknown field "spec.template.spec.containers[0].frobnicate" (the fields allowed in spec.template.spec.containers[0] are: args, command, env, envFrom, image, imagePullPolicy, lifecycle, livenessProbe, name, ports, readinessProbe, resizePolicy, resources, restartPolicy, securityContext, startupProbe, stdin, stdinOnce, terminationMessagePath, terminationMessagePolicy, tty, volumeDevices, volumeMounts, workingDir)',
    'app.yaml:17:1: Deployment default/web: unknown field "bar" (the fields allowed at the top level are: apiVersion, kind, metadata, spec)',
  ]);
});

test('Secret data that is not base64 points at stringData', () => {
  const [message] = problems('apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: hunter2!\n');
  assert.match(message, /^app\.yaml:6:3: Secret default\/db: data\[password\]: Invalid value: .*illegal base64 data at input byte \d+ \(values under data must be base64-encoded, .*put plain text under stringData instead\)$/);
});
