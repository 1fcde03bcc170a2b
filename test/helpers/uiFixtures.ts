// Hand-built cluster state for the dashboard's view and describe tests: a Store on a virtual clock
// with a node, a deployment and its replica set and pod (with status, events and decisions), a
// service with endpoints, a claim and a secret. Objects are written `trusted` where they carry
// status, as the control plane would write them.
import type { KObject } from '../../src/api/object.js';
import { DecisionLog } from '../../src/events/decisionLog.js';
import { EventRecorder } from '../../src/events/eventRecorder.js';
import { VirtualClock } from '../../src/sim/clock.js';
import { SeededRandom } from '../../src/sim/random.js';
import { Store } from '../../src/store/store.js';

export interface World {
  store: Store;
  clock: VirtualClock;
  decisions: DecisionLog;
  events: EventRecorder;
}

export function newWorld(): World {
  const clock = new VirtualClock();
  const store = new Store(clock, new SeededRandom(3));
  for (const name of ['default', 'kube-system', 'kube-node-lease']) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return { store, clock, decisions: new DecisionLog(() => clock.now()), events: new EventRecorder(store) };
}

export const iso = (clock: VirtualClock, plusSeconds = 0) => clock.iso(clock.now() + plusSeconds * 1000);

export function addNode(w: World, name = 'node-1'): KObject {
  const t = iso(w.clock);
  return w.store.create(
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'node-role.kubernetes.io/worker': '' } },
      spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t, lastTransitionTime: t }],
        addresses: [
          { type: 'InternalIP', address: '10.0.0.11' },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          machineID: 'm1',
          systemUUID: 'u1',
          bootID: 'b1',
          kernelVersion: '6.8.0',
          osImage: 'Ubuntu 24.04 LTS',
          operatingSystem: 'linux',
          architecture: 'amd64',
          containerRuntimeVersion: 'containerd://1.7.22',
          kubeletVersion: 'v1.31.0',
          kubeProxyVersion: 'v1.31.0',
        },
      },
    },
    { trusted: true },
  );
}

export function addDeployment(w: World, name = 'web', replicas = 1): { deployment: KObject; rs: KObject; pods: KObject[] } {
  const labels = { app: name };
  const template = {
    metadata: { labels },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          livenessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
          env: [{ name: 'MODE', value: 'prod' }],
        },
      ],
    },
  };
  const deployment: KObject = w.store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: { replicas, selector: { matchLabels: labels }, template },
  });
  const rsName = `${name}-7c5d9f8b6`;
  // The ReplicaSet carries the deployment's template as the API server defaulted it.
  const rsTemplate = { ...deployment.spec.template, metadata: { labels: { ...labels, 'pod-template-hash': '7c5d9f8b6' } } };
  const rs = w.store.create(
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: 'default',
        labels: rsTemplate.metadata.labels,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: deployment.metadata.uid!, controller: true }],
      },
      spec: { replicas, selector: { matchLabels: rsTemplate.metadata.labels }, template: rsTemplate },
      status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
    },
    { trusted: true },
  );
  w.store.modify('Deployment', 'default', name, (d) => {
    d.status = { replicas, updatedReplicas: replicas, availableReplicas: replicas, readyReplicas: replicas, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] };
  }, { subresource: 'status' });
  const pods: KObject[] = [];
  for (let i = 0; i < replicas; i++) pods.push(addPod(w, `${rsName}-x${i}k2q`, rs, rsTemplate));
  return { deployment: w.store.get('Deployment', 'default', name)!, rs, pods };
}

export function addPod(w: World, name: string, owner: KObject | undefined, template: { metadata: { labels: Record<string, string> }; spec: Record<string, any> }): KObject {
  const started = iso(w.clock);
  return w.store.create(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'default',
        labels: template.metadata.labels,
        ...(owner ? { ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true }] } : {}),
      },
      spec: {
        ...template.spec,
        nodeName: 'node-1',
        serviceAccountName: 'default',
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
      },
      status: {
        phase: 'Running',
        hostIP: '10.0.0.11',
        podIP: '10.244.1.5',
        podIPs: [{ ip: '10.244.1.5' }],
        startTime: started,
        qosClass: 'Burstable',
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
          { type: 'ContainersReady', status: 'True' },
          { type: 'PodScheduled', status: 'True' },
        ],
        containerStatuses: (template.spec.containers as Array<{ name: string; image: string }>).map((c) => ({
          name: c.name,
          image: c.image,
          imageID: `docker.io/library/${c.image}@sha256:0123`,
          containerID: `containerd://${c.name}0001`,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: started } },
        })),
      },
    },
    { trusted: true },
  );
}

export function addServiceWithEndpoints(w: World, name = 'web'): KObject {
  const svc = w.store.create(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: { type: 'NodePort', selector: { app: name }, clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30001, protocol: 'TCP' }], sessionAffinity: 'None', externalTrafficPolicy: 'Cluster' },
    },
    { trusted: true },
  );
  w.store.create(
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: 'default' },
      subsets: [{ addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
    },
    { trusted: true },
  );
  return svc;
}
