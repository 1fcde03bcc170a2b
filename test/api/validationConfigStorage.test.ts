import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeGoBase64 } from '../../src/api/validation/goBase64.js';
import { assertRejects, assertValid, messages } from './validationHelpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const configMap = (body: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, ...body });
const secret = (body: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, ...body });
const keyMsg =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('ConfigMap', () => {
  it('accepts keys made of [-._a-zA-Z0-9]', () => assertValid(configMap({ data: { 'app.properties': 'a=b', LOG_LEVEL: 'debug', 'x-y': '' } })));

  it('rejects other keys', () => {
    assertRejects(configMap({ data: { 'my key': 'v' } }), `data[my key]: Invalid value: "my key": ${keyMsg}`);
    assertRejects(configMap({ data: { '..': 'v' } }), `data[..]: Invalid value: "..": must not be '..'`);
    assertRejects(configMap({ data: { a: 'x' }, binaryData: { a: b64('y') } }), 'data[a]: Invalid value: "a": duplicate of key present in binaryData');
  });

  it('limits the total size to 1 MiB', () => {
    assertRejects(configMap({ data: { big: 'x'.repeat(1024 * 1024 + 1) } }), '[]: Too long: must have at most 1048576 bytes');
    assertRejects(configMap({ data: { a: 'x'.repeat(600 * 1024) }, binaryData: { b: b64('y'.repeat(600 * 1024)) } }), '[]: Too long: must have at most 1048576 bytes');
    assertValid(configMap({ data: { big: 'x'.repeat(1024 * 1024) } }));
  });

  it('is frozen once immutable', () => {
    const old = configMap({ data: { a: '1' }, immutable: true });
    assertRejects(configMap({ data: { a: '2' }, immutable: true }), 'data: Forbidden: field is immutable when `immutable` is set', old);
    assertRejects(configMap({ data: { a: '1' }, immutable: false }), 'immutable: Forbidden: field is immutable when `immutable` is set', old);
    assertValid(configMap({ data: { a: '1' }, immutable: true, metadata: { name: 'cfg', namespace: 'default', labels: { x: 'y' } } }), old);
    assertValid(configMap({ data: { a: '2' } }), configMap({ data: { a: '1' } }));
  });
});

describe('Secret', () => {
  it('accepts base64 data and stringData', () => {
    assertValid(secret({ data: { password: b64('s3cr3t') } }));
    assertValid(secret({ stringData: { password: 'plain text is fine here' } }));
  });

  it('rejects data that is not base64, where Go’s decoder stops, without echoing the value', () => {
    assertRejects(secret({ data: { password: 'secret' } }), 'data[password]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 4');
    assertRejects(secret({ data: { password: 'hunter2!' } }), 'data[password]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 7');
  });

  it('limits the decoded size to 1 MiB', () => {
    assertRejects(secret({ data: { big: b64('x'.repeat(1024 * 1024 + 1)) } }), 'data: Too long: must have at most 1048576 bytes');
    assertValid(secret({ data: { big: b64('x'.repeat(1024 * 1024)) } }));
  });

  it('checks keys', () => {
    assertRejects(secret({ data: { 'pass word': b64('x') } }), `data[pass word]: Invalid value: "pass word": ${keyMsg}`);
  });

  it('requires the keys of its type', () => {
    assertRejects(secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('cert') } }), 'data[tls.key]: Required value');
    assertValid(secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('cert'), 'tls.key': b64('key') } }));
    assert.deepEqual(messages(secret({ type: 'kubernetes.io/basic-auth', data: {} })), ['data[username]: Required value', 'data[password]: Required value']);
    assertRejects(secret({ type: 'kubernetes.io/ssh-auth' }), 'data[ssh-privatekey]: Required value');
    assertRejects(secret({ type: 'kubernetes.io/dockerconfigjson' }), 'data[.dockerconfigjson]: Required value');
    assertRejects(
      secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":') } }),
      'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input',
    );
    assertRejects(secret({ type: 'kubernetes.io/service-account-token' }), 'metadata.annotations[kubernetes.io/service-account.name]: Required value');
  });

  it('keeps its type and, once immutable, its data', () => {
    const old = secret({ data: { a: b64('1') }, immutable: true });
    assertRejects(secret({ data: { a: b64('2') }, immutable: true }), 'data: Forbidden: field is immutable when `immutable` is set', old);
    assertRejects(secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c'), 'tls.key': b64('k') } }), 'type: Invalid value: "kubernetes.io/tls": field is immutable', secret({ data: {} }));
  });
});

describe('Go base64 decoding', () => {
  const cases: [string, string | number][] = [
    ['', 0],
    ['YQ==', 1],
    ['YWI=', 2],
    ['YWJj', 3],
    ['YWJj\nZGVm', 6],
    ['YQ', 'illegal base64 data at input byte 0'],
    ['YWJjZ', 'illegal base64 data at input byte 4'],
    ['YW!j', 'illegal base64 data at input byte 2'],
    ['YQ=a', 'illegal base64 data at input byte 2'],
    ['YQ==YQ==', 'illegal base64 data at input byte 4'],
    ['=', 'illegal base64 data at input byte 0'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      const result = decodeGoBase64(input);
      if (typeof expected === 'number') assert.deepEqual(result, { bytes: expected });
      else assert.deepEqual(result, { error: expected });
    });
  }
});

describe('PersistentVolumeClaim', () => {
  const pvc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec });
  const valid = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };

  it('accepts a valid claim', () => assertValid(pvc(valid)));

  it('requires access modes and a storage request', () => {
    assertRejects(pvc({ ...valid, accessModes: [] }), 'spec.accessModes: Required value: at least 1 access mode is required');
    assertRejects(pvc({ ...valid, resources: {} }), 'spec.resources[storage]: Required value');
    assertRejects(pvc({ ...valid, resources: { requests: { storage: '0' } } }), 'spec.resources[storage]: Invalid value: "0": must be greater than zero');
    assertRejects(
      pvc({ ...valid, accessModes: ['ReadWriteSometimes'] }),
      'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    );
    assertRejects(pvc({ ...valid, accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'] }), 'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes');
  });

  it('keeps its spec, except binding and growth while bound', () => {
    const old = pvc(valid);
    assertRejects(pvc({ ...valid, accessModes: ['ReadWriteMany'] }), 'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims', old);
    assertValid(pvc({ ...valid, volumeName: 'pv1' }), old);
    assertValid(pvc({ ...valid, storageClassName: 'standard' }), old);
    const bound = { ...pvc({ ...valid, resources: { requests: { storage: '2Gi' } } }), status: { phase: 'Bound' } };
    assertValid(bound, { ...old, status: { phase: 'Bound', capacity: { storage: '1Gi' } } });
    assertRejects(pvc({ ...valid, resources: { requests: { storage: '2Gi' } } }), 'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims', old);
  });
});

describe('PersistentVolume', () => {
  const pv = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec });
  const valid = { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } };

  it('accepts a valid volume', () => {
    assertValid(pv(valid));
    assertValid(pv({ ...valid, hostPath: undefined, nfs: { server: 'nfs.local', path: '/exports' } }));
    assertValid(pv({ ...valid, hostPath: undefined, csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' } }));
  });

  it('requires capacity.storage and access modes', () => {
    assertRejects(pv({ ...valid, capacity: undefined }), 'spec.capacity: Required value');
    assertRejects(pv({ ...valid, capacity: { cpu: '1' } }), 'spec.capacity: Unsupported value: core.ResourceList{"cpu":"1"}: supported values: "storage"');
    assertRejects(pv({ ...valid, accessModes: undefined }), 'spec.accessModes: Required value');
  });

  it('requires exactly one volume source', () => {
    assertRejects(pv({ ...valid, hostPath: undefined }), 'spec: Required value: must specify a volume type');
    assertRejects(pv({ ...valid, nfs: { server: 'nfs', path: '/x' } }), 'spec.nfs: Forbidden: may not specify more than 1 volume type');
    assertRejects(pv({ ...valid, hostPath: undefined, local: { path: '/mnt/ssd' } }), 'spec.nodeAffinity: Required value: Local volume requires node affinity');
  });

  it('checks the reclaim policy', () => {
    assertRejects(
      pv({ ...valid, persistentVolumeReclaimPolicy: 'Keep' }),
      'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
    );
  });

  it('keeps its source', () => {
    assertRejects(pv({ ...valid, hostPath: { path: '/other' } }), 'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation', pv(valid));
    assertValid(pv({ ...valid, persistentVolumeReclaimPolicy: 'Delete' }), pv(valid));
  });
});

describe('StorageClass', () => {
  const sc = (body: Record<string, unknown>) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'kubernetes.io/no-provisioner', ...body });

  it('accepts a valid class', () => assertValid(sc({ volumeBindingMode: 'WaitForFirstConsumer' })));

  it('checks provisioner, reclaim policy and binding mode', () => {
    assertRejects(sc({ provisioner: undefined }), 'provisioner: Required value');
    assertRejects(sc({ reclaimPolicy: 'Recycle' }), 'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"');
    assertRejects(sc({ volumeBindingMode: 'Later' }), 'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"');
  });

  it('keeps parameters and provisioner', () => {
    assertRejects(sc({ parameters: { type: 'ssd' } }), 'parameters: Forbidden: updates to parameters are forbidden.', sc({ parameters: { type: 'hdd' } }));
    assertRejects(sc({ provisioner: 'example.com/other' }), 'provisioner: Forbidden: updates to provisioner are forbidden.', sc({}));
  });
});
