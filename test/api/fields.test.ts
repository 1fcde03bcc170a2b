import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/api/object.js';
import {
  FieldSelectorError,
  fieldSelectorToString,
  fieldValue,
  isEmptyFieldSelector,
  parseFieldSelector,
  requiredFieldValue,
  selectableFields,
} from '../../src/api/fields.js';

const pod = (name: string, nodeName: string | undefined, phase: string, namespace = 'default'): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec: nodeName === undefined ? { containers: [] } : { nodeName, containers: [] },
  status: { phase },
});

const event: KObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-0.17a', namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'default', uid: 'u-1' },
  reason: 'Scheduled',
  type: 'Normal',
  source: { component: 'default-scheduler' },
};

const fails = (selector: string, kind: string | undefined, message: string) =>
  assert.throws(() => parseFieldSelector(selector, kind), (e: unknown) => e instanceof FieldSelectorError && e.message === message);

describe('parseFieldSelector', () => {
  it('matches pods by node, phase, name and namespace', () => {
    const onNode1 = parseFieldSelector('spec.nodeName=node-1', 'Pod');
    assert.equal(onNode1.matches(pod('a', 'node-1', 'Running')), true);
    assert.equal(onNode1.matches(pod('b', 'node-2', 'Running')), false);
    assert.equal(onNode1.matches(pod('c', undefined, 'Pending')), false);

    const unscheduled = parseFieldSelector('spec.nodeName=', 'Pod');
    assert.equal(unscheduled.matches(pod('c', undefined, 'Pending')), true);
    assert.equal(unscheduled.matches(pod('a', 'node-1', 'Running')), false);

    const notRunningInDefault = parseFieldSelector('status.phase!=Running,metadata.namespace==default', 'Pod');
    assert.equal(notRunningInDefault.matches(pod('a', 'node-1', 'Pending')), true);
    assert.equal(notRunningInDefault.matches(pod('a', 'node-1', 'Running')), false);
    assert.equal(notRunningInDefault.matches(pod('a', 'node-1', 'Pending', 'kube-system')), false);

    assert.equal(parseFieldSelector('metadata.name=b', 'Pod').matches(pod('b', undefined, 'Pending')), true);
  });

  it('matches events by involved object, reason and type', () => {
    assert.equal(parseFieldSelector('involvedObject.name=web-0,involvedObject.kind=Pod', 'Event').matches(event), true);
    assert.equal(parseFieldSelector('involvedObject.uid=u-2', 'Event').matches(event), false);
    assert.equal(parseFieldSelector('reason=Scheduled,type!=Warning', 'Event').matches(event), true);
    assert.equal(parseFieldSelector('source=default-scheduler', 'Event').matches(event), true);
  });

  it('matches secrets by type and reads defaults for missing fields', () => {
    const secret: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/tls' };
    assert.equal(parseFieldSelector('type=kubernetes.io/tls', 'Secret').matches(secret), true);
    const node: KObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: {} };
    assert.equal(parseFieldSelector('spec.unschedulable=false', 'Node').matches(node), true);
    assert.equal(fieldValue(node, 'spec.unschedulable'), 'false');
    assert.equal(fieldValue(node, 'spec.bogus'), undefined);
  });

  it('exposes requirements so a store can pick an index', () => {
    const sel = parseFieldSelector('status.phase!=Failed,spec.nodeName=node-1', 'Pod');
    assert.deepEqual(sel.requirements, [
      { field: 'spec.nodeName', operator: '=', value: 'node-1' },
      { field: 'status.phase', operator: '!=', value: 'Failed' },
    ]);
    assert.equal(requiredFieldValue(sel, 'spec.nodeName'), 'node-1');
    assert.equal(requiredFieldValue(sel, 'status.phase'), undefined);
    assert.equal(requiredFieldValue(parseFieldSelector('metadata.namespace==kube-system'), 'metadata.namespace'), 'kube-system');
  });

  it('prints the canonical form', () => {
    assert.equal(fieldSelectorToString(parseFieldSelector('status.phase==Running,metadata.name=a\\,b', 'Pod')), 'metadata.name=a\\,b,status.phase=Running');
    assert.equal(parseFieldSelector('metadata.name=a\\,b\\=c\\\\d', 'Pod').requirements[0].value, 'a,b=c\\d');
  });

  it('reads the legacy spec.host as spec.nodeName', () => {
    const sel = parseFieldSelector('spec.host=node-1', 'Pod');
    assert.equal(sel.requirements[0].field, 'spec.nodeName');
    assert.equal(sel.matches(pod('a', 'node-1', 'Running')), true);
  });

  it('an empty selector selects everything', () => {
    const sel = parseFieldSelector('', 'Pod');
    assert.equal(isEmptyFieldSelector(sel), true);
    assert.equal(sel.matches(pod('a', undefined, 'Pending')), true);
    assert.equal(isEmptyFieldSelector(parseFieldSelector('metadata.name=a')), false);
  });
});

describe('field selector errors', () => {
  it('uses each kind’s API server message for unknown fields', () => {
    fails('spec.foo=x', 'Pod', 'field label not supported: spec.foo');
    fails('metadata.namespace=x', 'Node', 'field label not supported: metadata.namespace');
    fails('foo.bar=baz', 'Ingress', '"foo.bar" is not a known field selector: only "metadata.name", "metadata.namespace"');
    fails('status.phase=Running', 'Deployment', '"status.phase" is not a known field selector: only "metadata.name", "metadata.namespace"');
    fails('status.active=1', 'Job', 'field label "status.active" not supported for Job');
    fails('spec.foo=x', undefined, 'field label not supported: spec.foo');
    // Spaces are not trimmed, exactly as in Kubernetes.
    fails('status.phase = Running', 'Pod', 'field label not supported: status.phase ');
  });

  it('names the field that is not supported', () => {
    assert.throws(
      () => parseFieldSelector('spec.foo=x', 'Pod'),
      (e: unknown) => e instanceof FieldSelectorError && e.field === 'spec.foo',
    );
  });

  it('rejects malformed terms and escapes', () => {
    fails('status.phase', 'Pod', "invalid selector: 'status.phase'; can't understand 'status.phase'");
    fails('metadata.name=a=b', 'Pod', 'invalid field selector: unescaped character in value: =');
    fails('metadata.name=a\\x', 'Pod', 'invalid field selector: invalid escape sequence: \\x');
    fails('metadata.name=a\\', 'Pod', 'invalid field selector: invalid escape sequence: \\');
  });

  it('lists selectable fields per kind', () => {
    assert.deepEqual(selectableFields('ConfigMap'), ['metadata.name', 'metadata.namespace']);
    assert.ok(selectableFields('Pod').includes('spec.nodeName'));
    assert.ok(!selectableFields('Node').includes('metadata.namespace'));
    assert.ok(selectableFields().includes('involvedObject.uid'));
  });
});
