// Objects for the networking and storage controller tests: pods with the status a kubelet would
// report (IP, Ready condition, container states), Services, PVs, claims and classes.
import type { KObject } from '../../src/api/object.js';
import type { PersistentVolume, PersistentVolumeClaim, Pod, Service, StorageClass } from '../../src/api/types.js';
import type { Store } from '../../src/store/store.js';

export interface PodOptions {
  labels?: Record<string, string>;
  ip?: string;
  node?: string;
  ready?: boolean;
  /** Container ports, e.g. [{ name: 'web', containerPort: 8080 }]. */
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
  readinessProbe?: boolean;
  claims?: string[];
  phase?: string;
}

/** Creates a pod bound to a node and gives it a kubelet-like status. */
export function runPod(store: Store, name: string, o: PodOptions = {}): Pod {
  const pod = store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: o.labels ?? { app: 'web' } },
    spec: {
      nodeName: o.node ?? 'node-1',
      containers: [
        {
          name: 'app',
          image: 'nginx:1.25',
          ...(o.ports ? { ports: o.ports } : {}),
          ...(o.readinessProbe ? { readinessProbe: { httpGet: { path: '/', port: 80 } } } : {}),
        },
      ],
      ...(o.claims ? { volumes: o.claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })) } : {}),
    },
  });
  return setPodStatus(store, pod.metadata.name!, o);
}

export function setPodStatus(store: Store, name: string, o: PodOptions = {}): Pod {
  const ready = o.ready ?? true;
  const now = store.clock.iso();
  return store.modify<Pod>('Pod', 'default', name, (p) => {
    p.status = {
      phase: o.phase ?? 'Running',
      ...(o.ip ? { podIP: o.ip, podIPs: [{ ip: o.ip }] } : {}),
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now, ...(ready ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }) },
      ],
      containerStatuses: [
        { name: 'app', image: 'nginx:1.25', imageID: '', ready, restartCount: 0, started: true, state: { running: { startedAt: now } } },
      ],
    };
  }, { subresource: 'status' });
}

export function service(name: string, spec: Record<string, unknown>, labels?: Record<string, string>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) }, spec } as Service;
}

export function pv(name: string, size: string, extra: Record<string, unknown> = {}, labels?: Record<string, string>): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${name}` }, ...extra },
  } as PersistentVolume;
}

export function pvc(name: string, size: string, extra: Record<string, unknown> = {}, annotations?: Record<string, string>): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, ...extra },
  } as PersistentVolumeClaim;
}

export function storageClass(name: string, provisioner: string, extra: Record<string, unknown> = {}, isDefault = false): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    provisioner,
    ...extra,
  } as StorageClass;
}

export function node(name: string): KObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } };
}
