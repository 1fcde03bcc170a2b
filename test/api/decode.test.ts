import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_DEPTH, strictDecode } from '../../src/api/schema/decode.js';
import { KINDS } from '../../src/api/kinds.js';
import { describeField, fieldsOf, typeForKind } from '../../src/api/schema/schema.js';

function deployment(spec: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
      },
      ...spec,
    },
    ...extra,
  };
}

function pod(spec: Record<string, unknown>) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
}

/** A value nested `depth` objects deep: {a: {a: {...}}}. */
function nested(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let cursor = root;
  for (let i = 0; i < depth; i++) {
    const next = {};
    cursor.a = next;
    cursor = next;
  }
  return root;
}

describe('strictDecode', () => {
  it('accepts a well-formed object', () => {
    assert.deepEqual(strictDecode(deployment(), 'Deployment'), []);
  });

  describe('unknown fields', () => {
    it('reports them at every depth, with the apiserver path and message, in document order', () => {
      const obj = deployment({}, { foo: 1 });
      (obj.metadata as any).lables = { app: 'web' };
      (obj.spec as any).replica = 2;
      (obj.spec.template.spec.containers[0] as any).volumes = [{ name: 'data' }];
      assert.deepEqual(strictDecode(obj, 'Deployment'), [
        { field: 'metadata.lables', type: 'FieldValueUnknown', message: 'unknown field "metadata.lables"' },
        { field: 'spec.template.spec.containers[0].volumes', type: 'FieldValueUnknown', message: 'unknown field "spec.template.spec.containers[0].volumes"' },
        { field: 'spec.replica', type: 'FieldValueUnknown', message: 'unknown field "spec.replica"' },
        { field: 'foo', type: 'FieldValueUnknown', message: 'unknown field "foo"' },
      ]);
    });

    it('indexes the array element the field is in', () => {
      const obj = pod({ containers: [{ name: 'a' }, { name: 'b', env: [{ name: 'X', value: '1' }, { name: 'Y', valu: '2' }] }] });
      assert.deepEqual(
        strictDecode(obj, 'Pod').map((p) => p.field),
        ['spec.containers[1].env[1].valu'],
      );
    });

    it('always allows apiVersion, kind, metadata and status at the top, and never checks status', () => {
      const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' }, status: { anything: [1] } };
      assert.deepEqual(strictDecode(configMap, 'ConfigMap'), []);
      const withBadStatus = deployment({}, { status: { replicas: 'many', bogus: true } });
      assert.deepEqual(strictDecode(withBadStatus, 'Deployment'), []);
    });

    it('does not allow status below the top', () => {
      const obj = deployment();
      (obj.spec.template as any).status = {};
      assert.deepEqual(strictDecode(obj, 'Deployment').map((p) => p.message), ['unknown field "spec.template.status"']);
    });

    it('treats __proto__ as the unknown field it is', () => {
      const obj = JSON.parse('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}],"__proto__":{"x":1}}}');
      assert.deepEqual(strictDecode(obj, 'Pod').map((p) => p.field), ['spec.__proto__']);
    });
  });

  describe('wrong types', () => {
    it('reports an integer given as a word, in the OpenAPI message style', () => {
      assert.deepEqual(strictDecode(deployment({ replicas: 'three' }), 'Deployment'), [
        {
          field: 'spec.replicas',
          type: 'FieldValueTypeInvalid',
          message: 'spec.replicas: Invalid value: "three": spec.replicas in body must be of type integer: "string"',
        },
      ]);
    });

    it('refuses numeric strings and fractions where an integer is expected', () => {
      assert.deepEqual(strictDecode(deployment({ replicas: '3' }), 'Deployment').map((p) => p.message), [
        'spec.replicas: Invalid value: "3": spec.replicas in body must be of type integer: "string"',
      ]);
      assert.deepEqual(strictDecode(deployment({ replicas: 1.5 }), 'Deployment').map((p) => p.message), [
        'spec.replicas: Invalid value: 1.5: spec.replicas in body must be of type integer: "number"',
      ]);
    });

    it('reports a number where a string is expected, through arrays', () => {
      const obj = pod({ containers: [{ name: 'a', env: [{ name: 'PORT', value: 8080 }] }] });
      assert.deepEqual(strictDecode(obj, 'Pod').map((p) => p.message), [
        'spec.containers[0].env[0].value: Invalid value: 8080: spec.containers[0].env[0].value in body must be of type string: "integer"',
      ]);
    });

    it('checks map values, naming the key in the path', () => {
      const obj = deployment();
      obj.metadata.labels = { app: 1 as unknown as string };
      assert.deepEqual(strictDecode(obj, 'Deployment'), [
        {
          field: 'metadata.labels.app',
          type: 'FieldValueTypeInvalid',
          message: 'metadata.labels.app: Invalid value: 1: metadata.labels.app in body must be of type string: "integer"',
        },
      ]);
      const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { PORT: 8080, DEBUG: true } };
      assert.deepEqual(strictDecode(configMap, 'ConfigMap').map((p) => p.field), ['data.PORT', 'data.DEBUG']);
    });

    it('shows structures by their type name', () => {
      const obj = pod({ containers: { name: 'a' } });
      assert.deepEqual(strictDecode(obj, 'Pod').map((p) => p.message), [
        'spec.containers: Invalid value: "object": spec.containers in body must be of type array: "object"',
      ]);
      const labelsAsList = deployment();
      (labelsAsList.metadata as any).labels = ['app=web'];
      assert.deepEqual(strictDecode(labelsAsList, 'Deployment').map((p) => p.message), [
        'metadata.labels: Invalid value: "array": metadata.labels in body must be of type object: "array"',
      ]);
    });

    it('refuses the string "true" for a boolean', () => {
      assert.deepEqual(strictDecode(pod({ containers: [{ name: 'a' }], hostNetwork: 'true' }), 'Pod').map((p) => p.message), [
        'spec.hostNetwork: Invalid value: "true": spec.hostNetwork in body must be of type boolean: "string"',
      ]);
    });

    it('reports a body that is not an object', () => {
      assert.deepEqual(strictDecode(['a'], 'Pod').map((p) => p.message), [
        'Invalid value: "array": body must be of type object: "array"',
      ]);
    });
  });

  describe('IntOrString', () => {
    const service = (targetPort: unknown) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort }] },
    });

    it('accepts an integer or a string', () => {
      assert.deepEqual(strictDecode(service(8080), 'Service'), []);
      assert.deepEqual(strictDecode(service('http'), 'Service'), []);
      assert.deepEqual(strictDecode(deployment({ strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } }), 'Deployment'), []);
    });

    it('refuses anything else', () => {
      assert.deepEqual(strictDecode(service(true), 'Service').map((p) => p.message), [
        'spec.ports[0].targetPort: Invalid value: true: spec.ports[0].targetPort in body must be of type integer or string: "boolean"',
      ]);
      assert.deepEqual(strictDecode(service(80.5), 'Service').map((p) => p.field), ['spec.ports[0].targetPort']);
    });
  });

  describe('Quantity', () => {
    const withLimits = (limits: Record<string, unknown>) => pod({ containers: [{ name: 'a', resources: { limits } }] });

    it('accepts a string or a number', () => {
      assert.deepEqual(strictDecode(withLimits({ cpu: '500m', memory: '128Mi' }), 'Pod'), []);
      assert.deepEqual(strictDecode(withLimits({ cpu: 0.5, memory: 1073741824 }), 'Pod'), []);
    });

    it('refuses booleans and structures', () => {
      assert.deepEqual(strictDecode(withLimits({ cpu: true, memory: { size: 1 } }), 'Pod').map((p) => p.message), [
        'spec.containers[0].resources.limits.cpu: Invalid value: true: spec.containers[0].resources.limits.cpu in body must be of type string or number: "boolean"',
        'spec.containers[0].resources.limits.memory: Invalid value: "object": spec.containers[0].resources.limits.memory in body must be of type string or number: "object"',
      ]);
    });
  });

  describe('required fields', () => {
    it('reports a missing required field where the schema marks it', () => {
      assert.deepEqual(strictDecode(pod({ containers: [{ image: 'nginx' }] }), 'Pod'), [
        { field: 'spec.containers[0].name', type: 'FieldValueRequired', message: 'spec.containers[0].name: Required value' },
      ]);
      assert.deepEqual(strictDecode(pod({}), 'Pod').map((p) => p.message), ['spec.containers: Required value']);
    });

    it('counts null as missing, also for a null array element', () => {
      assert.deepEqual(strictDecode(pod({ containers: [{ name: null }, null] }), 'Pod').map((p) => p.message), [
        'spec.containers[0].name: Required value',
        'spec.containers[1].name: Required value',
      ]);
    });

    it('does not report optional fields', () => {
      assert.deepEqual(strictDecode({ apiVersion: 'v1', kind: 'ConfigMap' }, 'ConfigMap'), []);
      assert.deepEqual(strictDecode(pod({ containers: [{ name: 'a' }] }), 'Pod'), []);
    });
  });

  describe('deep nesting', () => {
    it('reports a free-form value nested 10k deep as too deep instead of overflowing', () => {
      const revision = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: nested(10_000) };
      const problems = strictDecode(revision, 'ControllerRevision');
      assert.equal(problems.length, 1);
      const [problem] = problems;
      assert.equal(problem!.type, 'FieldValueTypeInvalid');
      // `data` is at depth 1, so the first container past MAX_DEPTH sits MAX_DEPTH links below it.
      assert.equal(problem!.field, `data${'.a'.repeat(MAX_DEPTH)}`);
      assert.match(problem!.message, /^data(\.a)+: too deep/);
    });

    it('accepts free-form values within the limit', () => {
      const revision = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: nested(MAX_DEPTH - 2) };
      assert.deepEqual(strictDecode(revision, 'ControllerRevision'), []);
    });

    it('ends on a cyclic free-form value', () => {
      const data: Record<string, unknown> = {};
      data.left = data;
      data.right = data;
      const revision = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data };
      const problems = strictDecode(revision, 'ControllerRevision');
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.message, /too deep/);
    });

    it('stops at an unknown field without walking what is under it', () => {
      const problems = strictDecode(pod({ containers: [{ name: 'a' }], junk: nested(10_000) }), 'Pod');
      assert.deepEqual(problems.map((p) => p.message), ['unknown field "spec.junk"']);
    });

    it('stops at a structure where a scalar is expected', () => {
      const problems = strictDecode(deployment({ replicas: nested(10_000) }), 'Deployment');
      assert.deepEqual(problems.map((p) => p.field), ['spec.replicas']);
    });
  });

  it('refuses a kind kubesim does not serve', () => {
    assert.throws(() => strictDecode({}, 'Widget'), /Widget/);
  });
});

describe('schema', () => {
  it('covers every registered kind (if not, run: node --import tsx scripts/gen-schema.ts)', () => {
    const missing = KINDS.filter((k) => typeForKind(k.kind) === undefined).map((k) => k.kind);
    assert.deepEqual(missing, []);
  });

  it('maps kinds to their current-version types', () => {
    assert.equal(typeForKind('Deployment'), 'apps/v1.Deployment');
    assert.equal(typeForKind('HorizontalPodAutoscaler'), 'autoscaling/v2.HorizontalPodAutoscaler');
    assert.equal(typeForKind('Widget'), undefined);
    assert.equal(typeForKind('toString'), undefined);
  });

  it('records types by their wire shape', () => {
    const container = fieldsOf('core/v1.Container')!;
    assert.deepEqual(container.get('name')!.type, { kind: 'string' });
    assert.equal(container.get('name')!.required, true);
    assert.equal(container.get('image')!.required, false);
    assert.deepEqual(container.get('ports')!.type, { kind: 'array', items: { kind: 'object', type: 'core/v1.ContainerPort' } });
    assert.deepEqual(fieldsOf('core/v1.ServicePort')!.get('targetPort')!.type, { kind: 'IntOrString' });
    assert.deepEqual(fieldsOf('core/v1.ResourceRequirements')!.get('limits')!.type, { kind: 'map', values: { kind: 'Quantity' } });
    assert.deepEqual(fieldsOf('meta/v1.ObjectMeta')!.get('creationTimestamp')!.type, { kind: 'Time' });
    assert.deepEqual(fieldsOf('apps/v1.ControllerRevision')!.get('data')!.type, { kind: 'any' });
  });

  it('describes a field for explain, ignoring array indices', () => {
    const image = describeField('Deployment', 'spec.template.spec.containers[0].image')!;
    assert.equal(image.path, 'spec.template.spec.containers.image');
    assert.equal(image.typeLabel, 'string');
    assert.equal(image.description, 'Container image name.');
    const containers = describeField('Pod', 'spec.containers')!;
    assert.equal(containers.typeLabel, '[]Container');
    assert.equal(containers.required, true);
    assert.ok(containers.fields.some((f) => f.name === 'livenessProbe'));
    assert.equal(describeField('Pod', '')!.fields.map((f) => f.name).join(','), 'apiVersion,kind,metadata,spec,status');
    assert.equal(describeField('Pod', 'spec.nope'), undefined);
  });
});
