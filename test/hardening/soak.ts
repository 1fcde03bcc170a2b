// The soak: a long seeded run of what users do to a cluster — apply, delete, scale, roll out, take
// nodes down and bring them back, crash pods, drain, load a workload, jump the clock — with the
// invariant checker after every step. It reports violations, lost objects (ones the run created and
// did not delete, gone or replaced), internal errors, and how big the bounded things grew.
// Used by test/hardening/soak.test.ts (one simulated hour) and bench/cases/soak.ts (24 hours).
import { isApiError } from '../../src/api/errors.js';
import type { KObject } from '../../src/api/object.js';
import { Cluster } from '../../src/cluster.js';
import { applyManifests } from '../../src/manifests/apply.js';
import { loadManifestText } from '../../src/manifests/load.js';
import { addLoad, cordonNode, crashPod, deleteObject, drainNode, nodeDown, nodeUp, rolloutRestart, scaleTo, setImageFromText, triggerCronJob, uncordonNode, undoTo } from '../../src/ops/index.js';
import { checkInvariants, type Violation } from '../../src/sim/invariants.js';
import { SeededRandom } from '../../src/sim/random.js';
import { internalErrors } from './clusterHealth.js';

export interface SoakOptions {
  seed: number;
  /** Simulated time to run. */
  hours: number;
  nodes?: number;
  onProgress?: (simulatedHours: number, steps: number) => void;
}

export interface SoakReport {
  steps: number;
  simulatedHours: number;
  actions: Record<string, number>;
  /** Refusals the API gave (a scale of a deleted object, a quota): expected, counted. */
  refusals: number;
  violations: Array<Violation & { step: number; at: string }>;
  lost: string[];
  internalErrors: string[];
  maxEvents: number;
  maxDecisionsKept: number;
  decisionsRecorded: number;
  maxObjects: number;
  heapMB: number;
}

/** A workload template: one of a few shapes, with a name and a size the run picks. */
function workload(kind: string, name: string, replicas: number, image: string): string {
  const labels = `{app: ${name}}`;
  const pod = `    metadata: {labels: ${labels}}\n    spec:\n      containers:\n      - name: main\n        image: ${image}\n        resources: {requests: {cpu: 50m, memory: 32Mi}}\n`;
  switch (kind) {
    case 'Deployment':
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: ${labels}}\n  template:\n${pod}`;
    case 'StatefulSet':
      return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ${name}}\nspec:\n  serviceName: ${name}\n  replicas: ${replicas}\n  selector: {matchLabels: ${labels}}\n  template:\n${pod}`;
    case 'DaemonSet':
      return `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: ${labels}}\n  template:\n${pod}`;
    case 'Job':
      return `apiVersion: batch/v1\nkind: Job\nmetadata: {name: ${name}}\nspec:\n  completions: ${Math.max(1, replicas)}\n  parallelism: 2\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n        command: [sh, -c, "sleep ${1 + replicas * 7}; ${replicas % 3 === 0 ? 'exit 1' : 'true'}"]\n`;
    case 'CronJob':
      return `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: ${name}}\nspec:\n  schedule: "*/${5 + replicas} * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: main\n            image: busybox\n            command: [sh, -c, "sleep 20"]\n`;
    case 'Service':
      return `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  selector: {app: ${name.replace(/-svc$/, '')}}\n  ports: [{port: 80, targetPort: 80}]\n`;
    case 'ConfigMap':
      return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {size: "${replicas}"}\n`;
    case 'Secret':
      return `apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}}\nstringData: {password: "pw-${replicas}"}\n`;
    case 'PersistentVolumeClaim':
      return `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: ${1 + replicas}Gi}}\n`;
    case 'HorizontalPodAutoscaler':
      return `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ${name}}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name.replace(/-hpa$/, '')}}\n  minReplicas: 1\n  maxReplicas: ${2 + replicas}\n  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]\n`;
    default:
      throw new Error(`no template for ${kind}`);
  }
}

const KINDS = ['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ConfigMap', 'Secret', 'PersistentVolumeClaim'];
const IMAGES = ['nginx:1.25', 'nginx:1.26', 'busybox', 'php-apache', 'registry.invalid/missing:1', 'httpd:2.4'];

interface Created {
  kind: string;
  name: string;
  uid: string;
}

export function runSoak(options: SoakOptions): SoakReport {
  const r = new SeededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[r.int(items.length)]!;
  const cluster = new Cluster({ seed: options.seed, nodes: options.nodes ?? 4 });
  const store = cluster.store;
  const report: SoakReport = {
    steps: 0,
    simulatedHours: 0,
    actions: {},
    refusals: 0,
    violations: [],
    lost: [],
    internalErrors: [],
    maxEvents: 0,
    maxDecisionsKept: 0,
    decisionsRecorded: 0,
    maxObjects: 0,
    heapMB: 0,
  };
  const ours = new Map<string, Created>(); // `${kind}/${name}` → what we made
  const key = (kind: string, name: string) => `${kind}/${name}`;
  const nodeNames = () => store.list('Node').map((n) => n.metadata.name!).sort();
  const oursOf = (...kinds: string[]) => [...ours.values()].filter((o) => kinds.includes(o.kind));
  let serial = 0;

  const apply = (text: string) => {
    for (const obj of applyManifests(store, loadManifestText(text, 'soak.yaml').manifests).objects) {
      ours.set(key(obj.kind, obj.metadata.name!), { kind: obj.kind, name: obj.metadata.name!, uid: obj.metadata.uid! });
    }
  };

  const actions: Array<[string, number, () => unknown]> = [
    ['apply', 14, () => {
      const kind = pick(KINDS);
      const name = `${kind.toLowerCase().slice(0, 6)}-${++serial}`;
      const replicas = r.int(6);
      let text = workload(kind, name, replicas, pick(IMAGES));
      if (kind === 'Deployment' && r.int(3) === 0) text += `---\n${workload('Service', `${name}-svc`, 0, '')}`;
      if (kind === 'Deployment' && r.int(4) === 0) text += `---\n${workload('HorizontalPodAutoscaler', `${name}-hpa`, replicas, '')}`;
      apply(text);
    }],
    ['delete', 6, () => {
      const victim = pick([...ours.values()]);
      if (!victim) return;
      deleteObject(store, victim.kind, 'default', victim.name);
      ours.delete(key(victim.kind, victim.name));
    }],
    ['scale', 8, () => {
      const target = pick(oursOf('Deployment', 'StatefulSet'));
      if (target) scaleTo(store, target.kind, 'default', target.name, String(r.int(8)));
    }],
    ['set image', 5, () => {
      const target = pick(oursOf('Deployment', 'StatefulSet', 'DaemonSet'));
      if (target) setImageFromText(store, target.kind, 'default', target.name, `main=${pick(IMAGES)}`);
    }],
    ['rollout restart', 2, () => {
      const target = pick(oursOf('Deployment', 'DaemonSet'));
      if (target) rolloutRestart(store, target.kind, 'default', target.name);
    }],
    ['rollout undo', 2, () => {
      const target = pick(oursOf('Deployment'));
      if (target) undoTo(store, 'default', target.name, '');
    }],
    ['node down', 3, () => void nodeDown(cluster, pick(nodeNames()))],
    ['node up', 4, () => {
      for (const n of nodeNames()) if (cluster.kubelets.isStopped(n)) return void nodeUp(cluster, n);
    }],
    ['crash pod', 4, () => {
      const pod = pick(store.list('Pod', { namespace: 'default' }));
      if (pod && !pod.metadata.deletionTimestamp) crashPod(cluster, 'default', pod.metadata.name!);
    }],
    ['cordon', 2, () => void cordonNode(store, pick(nodeNames()))],
    ['uncordon', 3, () => void uncordonNode(store, pick(nodeNames()))],
    ['drain', 1, () => void drainNode(store, pick(nodeNames()))],
    ['load', 3, () => {
      const target = pick(oursOf('Deployment'));
      if (target) addLoad(cluster, 'Deployment', 'default', target.name, pick(['0', '200m', '900m', '2']));
    }],
    ['trigger cronjob', 2, () => {
      const target = pick(oursOf('CronJob'));
      if (target) triggerCronJob(store, 'default', target.name);
    }],
    ['time jump', 4, () => cluster.advance(60_000 * (1 + r.int(15)))],
  ];
  const totalWeight = actions.reduce((n, a) => n + a[1], 0);
  const chooseAction = () => {
    let roll = r.int(totalWeight);
    for (const a of actions) {
      roll -= a[1];
      if (roll < 0) return a;
    }
    return actions[0]!;
  };

  // A starting population.
  for (let i = 0; i < 6; i++) actions[0]![2]();
  const end = cluster.clock.now() + options.hours * 3_600_000;
  let nextProgress = 1;
  while (cluster.clock.now() < end) {
    const [name, , run] = chooseAction();
    report.steps++;
    try {
      run();
      report.actions[name] = (report.actions[name] ?? 0) + 1;
    } catch (error) {
      if (!isApiError(error) && !(error instanceof Error && /ManifestError|RolloutError|DrainRefused/.test(error.name))) throw error;
      report.refusals++;
    }
    // Between actions, the cluster runs a little: 1 s to a minute.
    cluster.advance(1000 * (1 + r.int(60)));
    const at = `${(cluster.clock.elapsedSeconds() / 3600).toFixed(2)}h after ${name}`;
    for (const v of checkInvariants(cluster)) report.violations.push({ ...v, step: report.steps, at });
    report.maxEvents = Math.max(report.maxEvents, store.count('Event'));
    report.maxDecisionsKept = Math.max(report.maxDecisionsKept, cluster.decisions.size);
    report.maxObjects = Math.max(report.maxObjects, store.all().length);
    const hours = cluster.clock.elapsedSeconds() / 3600;
    if (hours >= nextProgress) {
      options.onProgress?.(hours, report.steps);
      nextProgress++;
    }
    if (report.violations.length > 50) break;
  }

  // Nothing the run made and did not delete is gone or replaced.
  for (const o of ours.values()) {
    const now = store.get<KObject>(o.kind, 'default', o.name);
    if (!now) report.lost.push(`${o.kind} default/${o.name} is gone`);
    else if (now.metadata.uid !== o.uid) report.lost.push(`${o.kind} default/${o.name} was replaced (uid ${o.uid} → ${now.metadata.uid})`);
  }
  report.internalErrors = internalErrors(cluster);
  report.decisionsRecorded = cluster.decisions.total;
  report.simulatedHours = cluster.clock.elapsedSeconds() / 3600;
  report.heapMB = Math.round(process.memoryUsage().heapUsed / 1e6);
  return report;
}
