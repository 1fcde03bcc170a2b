// Encodings the server reads and writes without a running cluster: kubectl's protobuf bodies, the
// OpenAPI documents (their patch extensions and kinds), strategic merge directives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeProtobufBody } from '../../src/apiserver/protobufBody.js';
import { openApiV2Document, openApiV3Index } from '../../src/apiserver/openapi.js';
import { encodeOpenApiV2 } from '../../src/apiserver/openapiProto.js';
import { strategicMergePatch } from '../../src/apiserver/strategicMerge.js';
import { aggregated } from '../../src/apiserver/discovery.js';

// What `kubectl create deployment web3 --image=nginx --replicas=2 --port=80` (v1.33) posts.
const CREATE_DEPLOYMENT = Buffer.from(
  '6b3873000a150a0761707073' + '2f763112' + '0a4465706c6f796d656e7412bc010a210a047765623312001a0022002a003200380042005a0b0a036170701204776562' +
    '33128801080212' + '0d0a0b0a036170701204776562331a6d0a1d0a0012001a0022002a003200380042005a0b0a036170701204776562331' + '2' +
    '4c122e0a056e67696e7812056e67696e782a00320a0a0010001850220' + '02a0042006a00720080010088010090010' + '0a201001a0032004200' +
    '4a00520058006000680082010' + '08a01009a0100c2010022020a002800380' + '01a0c080010001800200028003800' + '1a002200',
  'hex',
);

describe('apiserver encodings', () => {
  it('reads the protobuf kubectl create sends', () => {
    assert.deepEqual(decodeProtobufBody(CREATE_DEPLOYMENT), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web3', labels: { app: 'web3' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web3' } },
        template: { metadata: { labels: { app: 'web3' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
      },
    });
    assert.throws(() => decodeProtobufBody(Buffer.from('{"kind":"Pod"}')), /missing the k8s\\0 prefix/);
  });

  it('publishes patch merge keys, list types and kinds in OpenAPI', () => {
    const v2 = openApiV2Document() as any;
    const podSpec = v2.definitions['io.k8s.api.core.v1.PodSpec'];
    assert.deepEqual(
      ['x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys'].map((k) => podSpec.properties.containers[k]),
      ['name', 'merge', 'map', ['name']],
    );
    assert.equal(podSpec.properties.tolerations['x-kubernetes-list-type'], 'atomic');
    assert.deepEqual(v2.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'], [{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    const patch = v2.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    assert.ok(patch.consumes.includes('application/strategic-merge-patch+json'));
    assert.ok(patch.parameters.some((p: any) => p.name === 'fieldValidation' && p.in === 'query'));
    const proto = encodeOpenApiV2(v2);
    assert.deepEqual([...proto.subarray(0, 5)], [0x0a, 0x03, 0x32, 0x2e, 0x30], 'field 1 (swagger) = "2.0"');
    assert.ok(proto.includes(Buffer.from('x-kubernetes-patch-merge-key')));
    assert.match(openApiV3Index().paths['apis/apps/v1'].serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
  });

  it('lists every served group in aggregated discovery', () => {
    const groups = aggregated(false, 'apidiscovery.k8s.io/v2').items.map((g) => g.metadata.name);
    for (const g of ['apps', 'batch', 'autoscaling', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'metrics.k8s.io', 'authorization.k8s.io']) assert.ok(groups.includes(g), g);
  });

  it('applies strategic merge directives on lists and maps', () => {
    const spec = { containers: [{ name: 'a', image: 'x', env: [{ name: 'K', value: '1' }] }, { name: 'b', image: 'y' }], volumes: [{ name: 'v', emptyDir: {} }] };
    const out = strategicMergePatch(spec, {
      containers: [{ name: 'a', env: [{ name: 'L', value: '2' }] }],
      volumes: [{ name: 'v', $retainKeys: ['name', 'configMap'], configMap: { name: 'cm' } }],
      '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
    }, 'core/v1.PodSpec') as any;
    assert.deepEqual(out.containers.map((c: any) => c.name), ['b', 'a']);
    assert.deepEqual(out.containers[1].env, [{ name: 'K', value: '1' }, { name: 'L', value: '2' }]);
    assert.deepEqual(out.volumes, [{ name: 'v', configMap: { name: 'cm' } }]);
    const meta = strategicMergePatch({ finalizers: ['a', 'b'], labels: { x: '1' } }, { '$deleteFromPrimitiveList/finalizers': ['a'], labels: { x: null, y: '2' } }, 'meta/v1.ObjectMeta');
    assert.deepEqual(meta, { finalizers: ['b'], labels: { y: '2' } });
    assert.deepEqual(strategicMergePatch({ tolerations: [{ key: 'a' }] }, { tolerations: [{ key: 'b' }] }, 'core/v1.PodSpec'), { tolerations: [{ key: 'b' }] }, 'atomic lists are replaced');
  });
});
