import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invalid } from '../../src/api/errors.js';
import type { KObject } from '../../src/api/object.js';
import { qualifiedKind, validateObject } from '../../src/api/validation/index.js';
import { assertRejects, assertValid, defaulted, deployment, messages, pod, podSpec } from './validationHelpers.js';

const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const quantityMsg = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('qualifiedKind and the Invalid error', () => {
  it('names kinds with their API group', () => {
    assert.equal(qualifiedKind('Pod'), 'Pod');
    assert.equal(qualifiedKind('Deployment'), 'Deployment.apps');
    assert.equal(qualifiedKind('Ingress'), 'Ingress.networking.k8s.io');
    assert.equal(qualifiedKind('HorizontalPodAutoscaler'), 'HorizontalPodAutoscaler.autoscaling');
    assert.equal(qualifiedKind('ClusterRoleBinding'), 'ClusterRoleBinding.rbac.authorization.k8s.io');
  });

  it('reads like kubectl’s error', () => {
    const obj = defaulted(deployment({ replicas: -1 }));
    const err = invalid(qualifiedKind('Deployment'), 'web', validateObject(obj as KObject));
    assert.equal(err.message, 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('gives each cause its field and type', () => {
    const [cause] = validateObject(defaulted(deployment({ replicas: -1 })) as KObject);
    assert.deepEqual(cause, { field: 'spec.replicas', type: 'FieldValueInvalid', message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' });
  });
});

describe('object metadata', () => {
  it('requires a name or generateName', () => {
    assertRejects(pod(podSpec(), { name: undefined }), 'metadata.name: Required value: name or generateName is required');
    assertValid(pod(podSpec(), { name: undefined, generateName: 'web-' }));
  });

  it('uses DNS-1123 subdomains for most kinds', () => {
    assertRejects(deployment({}, { name: 'Web_1' }), `metadata.name: Invalid value: "Web_1": ${subdomainMsg}`);
    assertValid(deployment({}, { name: 'web.v1' }));
    assertRejects(pod(podSpec(), { name: 'Web_1' }), `metadata.name: Invalid value: "Web_1": ${subdomainMsg}`);
  });

  it('uses DNS-1123 labels for namespaces', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } };
    assertRejects(ns, 'metadata.name: Invalid value: "team.a": must not contain dots');
    assertRejects({ ...ns, metadata: { name: 'Team' } }, `metadata.name: Invalid value: "Team": ${labelMsg}`);
    assertValid({ ...ns, metadata: { name: 'team-a' } });
  });

  it('checks a generateName with its trailing dash allowed', () => {
    assertValid(pod(podSpec(), { name: undefined, generateName: 'web-7c5d-' }));
    assertRejects(pod(podSpec(), { name: undefined, generateName: 'Web-' }), `metadata.generateName: Invalid value: "Web-": ${subdomainMsg}`);
  });

  it('checks the namespace of namespaced objects, when given', () => {
    assertRejects(pod(podSpec(), { namespace: 'Bad_NS' }), `metadata.namespace: Invalid value: "Bad_NS": ${labelMsg}`);
    assertValid(pod(podSpec(), { namespace: undefined }));
  });

  it('validates label keys and values', () => {
    const got = messages(pod(podSpec(), { labels: { 'bad key': 'ok', app: 'not valid!' } }));
    assert.ok(got.some((m) => m.startsWith('metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters')), got.join('\n'));
    assert.ok(got.some((m) => m.startsWith('metadata.labels: Invalid value: "not valid!": a valid label must be an empty string')), got.join('\n'));
  });

  it('validates annotation keys and their total size', () => {
    assertValid(pod(podSpec(), { annotations: { 'Example.com/Note': 'x' } }));
    const got = messages(pod(podSpec(), { annotations: { 'a b': 'x' } }));
    assert.ok(got.some((m) => m.startsWith('metadata.annotations: Invalid value: "a b": name part must consist of')), got.join('\n'));
    assertRejects(pod(podSpec(), { annotations: { big: 'x'.repeat(256 * 1024) } }), 'metadata.annotations: Too long: must have at most 262144 bytes');
    assertValid(pod(podSpec(), { annotations: { big: 'x'.repeat(256 * 1024 - 3) } }));
  });

  it('allows only one controller owner reference', () => {
    const ref = (name: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: `uid-${name}`, controller: true });
    const got = messages(pod(podSpec(), { ownerReferences: [ref('a'), ref('b')] }));
    assert.ok(got.some((m) => m.endsWith('Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b')));
  });

  it('checks finalizer names', () => {
    assertRejects(pod(podSpec(), { finalizers: ['cleanup'] }), 'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified');
    assertValid(pod(podSpec(), { finalizers: ['example.com/cleanup', 'foregroundDeletion'] }));
  });
});

describe('pods: containers', () => {
  it('accepts a minimal pod', () => assertValid(pod()));

  it('requires containers and images', () => {
    assertRejects(pod({ containers: [] }), 'spec.containers: Required value');
    assertRejects(pod({ containers: [{ name: 'web' }] }), 'spec.containers[0].image: Required value');
    assertRejects(pod({ containers: [{ image: 'nginx' }] }), 'spec.containers[0].name: Required value');
  });

  it('wants DNS-1123 label container names, unique across init and regular containers', () => {
    assertRejects(pod({ containers: [{ name: 'Web', image: 'nginx' }] }), `spec.containers[0].name: Invalid value: "Web": ${labelMsg}`);
    assertRejects(pod({ containers: [{ name: 'web', image: 'a' }, { name: 'web', image: 'b' }] }), 'spec.containers[1].name: Duplicate value: "web"');
    assertRejects(pod({ containers: [{ name: 'web', image: 'a' }], initContainers: [{ name: 'web', image: 'b' }] }), 'spec.initContainers[0].name: Duplicate value: "web"');
  });

  it('rejects image names with surrounding spaces on pods only', () => {
    assertRejects(pod({ containers: [{ name: 'web', image: ' nginx' }] }), 'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace');
  });

  it('checks ports: required, in range, unique names, protocol', () => {
    assertRejects(pod(podSpec({ ports: [{ name: 'http' }] })), 'spec.containers[0].ports[0].containerPort: Required value');
    assertRejects(pod(podSpec({ ports: [{ containerPort: 70000 }] })), 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
    assertRejects(pod(podSpec({ ports: [{ containerPort: 80, hostPort: -1 }] })), 'spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive');
    assertRejects(
      pod(podSpec({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 8080 }] })),
      'spec.containers[0].ports[1].name: Duplicate value: "http"',
    );
    assertRejects(pod(podSpec({ ports: [{ name: 'web-http-port-80', containerPort: 80 }] })), 'spec.containers[0].ports[0].name: Invalid value: "web-http-port-80": must be no more than 15 characters');
    assertRejects(
      pod(podSpec({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })),
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
  });

  it('checks env var names and sources', () => {
    assertRejects(
      pod(podSpec({ env: [{ name: 'A=B', value: 'x' }] })),
      `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    );
    assertRejects(pod(podSpec({ env: [{ value: 'x' }] })), 'spec.containers[0].env[0].name: Required value');
    assertValid(pod(podSpec({ env: [{ name: 'my.var-1', value: 'x' }] })));
    assertRejects(
      pod(podSpec({ env: [{ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] })),
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    );
    assertRejects(pod(podSpec({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg' } } }] })), 'spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value');
  });

  it('checks resources: quantities, names, requests ≤ limits', () => {
    assertRejects(pod(podSpec({ resources: { limits: { memory: '1GB' } } })), `spec.containers[0].resources.limits[memory]: Invalid value: "1GB": ${quantityMsg}`);
    assertRejects(
      pod(podSpec({ resources: { requests: { cpu: '2' }, limits: { cpu: 1 } } })),
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
    assertRejects(
      pod(podSpec({ resources: { requests: { cpu: '1500m' }, limits: { cpu: '1000m' } } })),
      'spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1',
    );
    assertRejects(
      pod(podSpec({ resources: { requests: { memory: '-1Mi' } } })),
      'spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0',
    );
    assertRejects(pod(podSpec({ resources: { limits: { gpu: '1' } } })), 'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified');
    assertRejects(
      pod(podSpec({ resources: { requests: { 'nvidia.com/gpu': '1' } } })),
      'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
    );
    assertValid(pod(podSpec({ resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi', 'nvidia.com/gpu': 1 } } })));
  });

  it('checks probes', () => {
    assertRejects(
      pod(podSpec({ livenessProbe: { httpGet: { port: 80 }, successThreshold: 2 } })),
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    );
    assertRejects(
      pod(podSpec({ startupProbe: { exec: { command: ['true'] }, successThreshold: 3 } })),
      'spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1',
    );
    assertValid(pod(podSpec({ readinessProbe: { httpGet: { port: 80 }, successThreshold: 2 } })));
    assertRejects(pod(podSpec({ livenessProbe: { periodSeconds: 5 } })), 'spec.containers[0].livenessProbe: Required value: must specify a handler type');
    assertRejects(
      pod(podSpec({ livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } })),
      'spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    );
    assertRejects(
      pod(podSpec({ readinessProbe: { httpGet: { port: 80 }, failureThreshold: -1 } })),
      'spec.containers[0].readinessProbe.failureThreshold: Invalid value: -1: must be greater than or equal to 0',
    );
    assertRejects(pod(podSpec({ livenessProbe: { httpGet: { port: 'HTTP' } } })), 'spec.containers[0].livenessProbe.httpGet.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  });

  it('forbids probes on plain init containers, allows them on sidecars', () => {
    const probe = { exec: { command: ['true'] } };
    assertRejects(
      pod({ ...podSpec(), initContainers: [{ name: 'init', image: 'busybox', readinessProbe: probe }] }),
      'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    );
    assertValid(pod({ ...podSpec(), initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always', readinessProbe: probe }] }));
  });
});

describe('pods: volumes and mounts', () => {
  it('requires mounts to name a volume', () => {
    assertRejects(pod(podSpec({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })), 'spec.containers[0].volumeMounts[0].name: Not found: "data"');
    assertValid(pod({ ...podSpec({ volumeMounts: [{ name: 'data', mountPath: '/data' }] }), volumes: [{ name: 'data', emptyDir: {} }] }));
  });

  it('requires unique mount paths', () => {
    const spec = { ...podSpec({ volumeMounts: [{ name: 'a', mountPath: '/x' }, { name: 'b', mountPath: '/x' }] }), volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }] };
    assertRejects(pod(spec), 'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/x": must be unique');
  });

  it('requires unique DNS-label volume names', () => {
    assertRejects(pod({ ...podSpec(), volumes: [{ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }] }), 'spec.volumes[1].name: Duplicate value: "a"');
    assertRejects(pod({ ...podSpec(), volumes: [{ name: 'My_Vol', emptyDir: {} }] }), `spec.volumes[0].name: Invalid value: "My_Vol": ${labelMsg}`);
  });

  it('allows one source per volume', () => {
    assertRejects(
      pod({ ...podSpec(), volumes: [{ name: 'a', emptyDir: {}, hostPath: { path: '/tmp' } }] }),
      'spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
    );
  });

  it('checks the common sources', () => {
    assertRejects(pod({ ...podSpec(), volumes: [{ name: 'c', configMap: {} }] }), 'spec.volumes[0].configMap.name: Required value');
    assertRejects(pod({ ...podSpec(), volumes: [{ name: 's', secret: {} }] }), 'spec.volumes[0].secret.secretName: Required value');
    assertRejects(pod({ ...podSpec(), volumes: [{ name: 'p', persistentVolumeClaim: {} }] }), 'spec.volumes[0].persistentVolumeClaim.claimName: Required value');
    assertRejects(pod({ ...podSpec(), volumes: [{ name: 'n', nfs: { server: 'nfs', path: 'exports' } }] }), 'spec.volumes[0].nfs.path: Invalid value: "exports": must be an absolute path');
    assertRejects(pod({ ...podSpec(), volumes: [{ name: 'h', hostPath: {} }] }), 'spec.volumes[0].hostPath.path: Required value');
    assertRejects(
      pod({ ...podSpec(), volumes: [{ name: 'h', hostPath: { path: '/x', type: 'Dir' } }] }),
      'spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    );
    assertRejects(pod({ ...podSpec(), volumes: [{ name: 'e', emptyDir: { sizeLimit: '1GB' } }] }), `spec.volumes[0].emptyDir.sizeLimit: Invalid value: "1GB": ${quantityMsg}`);
  });
});

describe('pods: spec fields', () => {
  it('checks restartPolicy and dnsPolicy', () => {
    assertRejects(pod({ ...podSpec(), restartPolicy: 'Sometimes' }), 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
    assertRejects(
      pod({ ...podSpec(), dnsPolicy: 'Custom' }),
      'spec.dnsPolicy: Unsupported value: "Custom": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    );
    assertRejects(pod({ ...podSpec(), dnsPolicy: 'None' }), 'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None');
  });

  it('checks nodeSelector, hostname and activeDeadlineSeconds', () => {
    assert.ok(messages(pod({ ...podSpec(), nodeSelector: { 'disk type': 'ssd' } })).some((m) => m.startsWith('spec.nodeSelector: Invalid value: "disk type"')));
    assertRejects(pod({ ...podSpec(), hostname: 'web.0' }), 'spec.hostname: Invalid value: "web.0": must not contain dots');
    assertRejects(pod({ ...podSpec(), activeDeadlineSeconds: 0 }), 'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive');
  });

  it('checks tolerations', () => {
    assertRejects(
      pod({ ...podSpec(), tolerations: [{ operator: 'Equal', value: 'x' }] }),
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    );
    assertRejects(
      pod({ ...podSpec(), tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] }),
      "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    );
    assertRejects(
      pod({ ...podSpec(), tolerations: [{ key: 'k', effect: 'NoRun' }] }),
      'spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    );
    assertValid(pod({ ...podSpec(), tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] }));
  });

  it('checks node affinity and topology spread', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }] }] } } };
    assertRejects(
      pod({ ...podSpec(), affinity }),
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    );
    assertRejects(
      pod({ ...podSpec(), topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] }),
      'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
    );
  });

  it('forbids ephemeral containers on create', () => {
    assertRejects(pod({ ...podSpec(), ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }), 'spec.ephemeralContainers: Forbidden: cannot be set on create');
  });
});
