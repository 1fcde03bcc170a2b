// Controllers of pods: Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job,
// CronJob, HorizontalPodAutoscaler, with kubectl's columns.
import type { CronJob, DaemonSet, Deployment, HorizontalPodAutoscaler, Job, ReplicaSet, ReplicationController, StatefulSet } from '../api/types.js';
import { formatAge } from '../api/duration.js';
import { num, plain, since, text } from './columns.js';
import { ageBetween, containerImages, containerNames, selectorText } from './common.js';
import { definePrinter } from './printer.js';

const templateColumns = [
  { name: 'CONTAINERS', wide: true },
  { name: 'IMAGES', wide: true },
  { name: 'SELECTOR', wide: true },
];

export const deploymentPrinter = definePrinter<Deployment>({
  kind: 'Deployment',
  columns: [{ name: 'NAME' }, { name: 'READY' }, { name: 'UP-TO-DATE', align: 'right' }, { name: 'AVAILABLE', align: 'right' }, { name: 'AGE', time: true }, ...templateColumns],
  row(d) {
    const want = d.spec?.replicas ?? 0;
    const st = d.status ?? {};
    const c = d.spec?.template?.spec?.containers;
    return [
      plain(d.metadata.name!),
      { text: `${st.readyReplicas ?? 0}/${want}`, sort: st.readyReplicas ?? 0 },
      num(st.updatedReplicas ?? 0),
      num(st.availableReplicas ?? 0),
      since(d.metadata.creationTimestamp),
      plain(containerNames(c)),
      plain(containerImages(c)),
      plain(selectorText(d.spec?.selector)),
    ];
  },
  health(d) {
    const want = d.spec?.replicas ?? 0;
    const st = d.status ?? {};
    if (st.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) return 'error';
    if ((st.availableReplicas ?? 0) < want) return 'warning';
    if ((st.updatedReplicas ?? 0) < want || (st.replicas ?? 0) > want) return 'pending';
    return 'ok';
  },
});

function replicaRow(name: string, want: number, current: number, ready: number, created: string | undefined, containers: Parameters<typeof containerNames>[0], selector: string) {
  return [plain(name), num(want), num(current), num(ready), since(created), plain(containerNames(containers)), plain(containerImages(containers)), plain(selector)];
}

const replicaColumns = [{ name: 'NAME' }, { name: 'DESIRED', align: 'right' as const }, { name: 'CURRENT', align: 'right' as const }, { name: 'READY', align: 'right' as const }, { name: 'AGE', time: true }, ...templateColumns];

function replicaHealth(want: number, current: number, ready: number) {
  if (ready < want) return current < want ? ('pending' as const) : ('warning' as const);
  return want === 0 ? ('muted' as const) : ('ok' as const);
}

export const replicaSetPrinter = definePrinter<ReplicaSet>({
  kind: 'ReplicaSet',
  columns: replicaColumns,
  row: (rs) => replicaRow(rs.metadata.name!, rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0, rs.metadata.creationTimestamp, rs.spec?.template?.spec?.containers, selectorText(rs.spec?.selector)),
  health: (rs) => replicaHealth(rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0),
});

export const replicationControllerPrinter = definePrinter<ReplicationController>({
  kind: 'ReplicationController',
  columns: replicaColumns,
  row: (rc) => replicaRow(rc.metadata.name!, rc.spec?.replicas ?? 0, rc.status?.replicas ?? 0, rc.status?.readyReplicas ?? 0, rc.metadata.creationTimestamp, rc.spec?.template?.spec?.containers, selectorText(rc.spec?.selector)),
  health: (rc) => replicaHealth(rc.spec?.replicas ?? 0, rc.status?.replicas ?? 0, rc.status?.readyReplicas ?? 0),
});

export const statefulSetPrinter = definePrinter<StatefulSet>({
  kind: 'StatefulSet',
  columns: [{ name: 'NAME' }, { name: 'READY' }, { name: 'AGE', time: true }, { name: 'CONTAINERS', wide: true }, { name: 'IMAGES', wide: true }],
  row(s) {
    const c = s.spec?.template?.spec?.containers;
    return [plain(s.metadata.name!), { text: `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, sort: s.status?.readyReplicas ?? 0 }, since(s.metadata.creationTimestamp), plain(containerNames(c)), plain(containerImages(c))];
  },
  health: (s) => replicaHealth(s.spec?.replicas ?? 0, s.status?.replicas ?? 0, s.status?.readyReplicas ?? 0),
});

export const daemonSetPrinter = definePrinter<DaemonSet>({
  kind: 'DaemonSet',
  columns: [
    { name: 'NAME' },
    { name: 'DESIRED', align: 'right' },
    { name: 'CURRENT', align: 'right' },
    { name: 'READY', align: 'right' },
    { name: 'UP-TO-DATE', align: 'right' },
    { name: 'AVAILABLE', align: 'right' },
    { name: 'NODE SELECTOR' },
    { name: 'AGE', time: true },
    ...templateColumns,
  ],
  row(d) {
    const st = d.status ?? ({} as NonNullable<DaemonSet['status']>);
    const c = d.spec?.template?.spec?.containers;
    const nodeSelector = Object.entries(d.spec?.template?.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    return [
      plain(d.metadata.name!),
      num(st.desiredNumberScheduled ?? 0),
      num(st.currentNumberScheduled ?? 0),
      num(st.numberReady ?? 0),
      num(st.updatedNumberScheduled ?? 0),
      num(st.numberAvailable ?? 0),
      text(nodeSelector),
      since(d.metadata.creationTimestamp),
      plain(containerNames(c)),
      plain(containerImages(c)),
      plain(selectorText(d.spec?.selector)),
    ];
  },
  health: (d) => replicaHealth(d.status?.desiredNumberScheduled ?? 0, d.status?.currentNumberScheduled ?? 0, d.status?.numberReady ?? 0),
});

function jobStatus(job: Job): string {
  const conds = job.status?.conditions ?? [];
  const is = (type: string) => conds.some((c) => c.type === type && c.status === 'True');
  if (is('Complete')) return 'Complete';
  if (is('Failed')) return 'Failed';
  if (is('Suspended')) return 'Suspended';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (is('FailureTarget')) return 'FailureTarget';
  if (is('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

export const jobPrinter = definePrinter<Job>({
  kind: 'Job',
  columns: [{ name: 'NAME' }, { name: 'STATUS' }, { name: 'COMPLETIONS' }, { name: 'DURATION' }, { name: 'AGE', time: true }, ...templateColumns],
  row(job, ctx) {
    const st = job.status ?? {};
    const completions = job.spec?.completions;
    const succeeded = st.succeeded ?? 0;
    const duration = st.startTime ? (st.completionTime ? ageBetween(st.startTime, st.completionTime) : formatAge(ctx.now - Date.parse(st.startTime))) : '';
    const c = job.spec?.template?.spec?.containers;
    return [
      plain(job.metadata.name!),
      plain(jobStatus(job)),
      plain(completions !== undefined ? `${succeeded}/${completions}` : `${succeeded}/1 of ${job.spec?.parallelism ?? 1}`),
      plain(duration),
      since(job.metadata.creationTimestamp),
      plain(containerNames(c)),
      plain(containerImages(c)),
      plain(selectorText(job.spec?.selector)),
    ];
  },
  health(job) {
    const s = jobStatus(job);
    return s === 'Complete' ? 'muted' : s === 'Failed' || s === 'FailureTarget' ? 'error' : s === 'Running' ? 'pending' : 'warning';
  },
});

export const cronJobPrinter = definePrinter<CronJob>({
  kind: 'CronJob',
  columns: [{ name: 'NAME' }, { name: 'SCHEDULE' }, { name: 'TIMEZONE' }, { name: 'SUSPEND' }, { name: 'ACTIVE', align: 'right' }, { name: 'LAST SCHEDULE', time: true }, { name: 'AGE', time: true }, ...templateColumns],
  row(cj) {
    const c = cj.spec?.jobTemplate?.spec?.template?.spec?.containers;
    return [
      plain(cj.metadata.name!),
      plain(cj.spec?.schedule ?? ''),
      text(cj.spec?.timeZone),
      plain(String(cj.spec?.suspend ?? false)),
      num(cj.status?.active?.length ?? 0),
      since(cj.status?.lastScheduleTime, '<none>'),
      since(cj.metadata.creationTimestamp),
      plain(containerNames(c)),
      plain(containerImages(c)),
      plain(selectorText(cj.spec?.jobTemplate?.spec?.selector)),
    ];
  },
  health: (cj) => (cj.spec?.suspend ? 'muted' : 'ok'),
});

/** `cpu: 73%/50%`, or `cpu: <unknown>/50%` before the first metrics. */
export function hpaTargets(hpa: HorizontalPodAutoscaler): string {
  const metrics = hpa.spec?.metrics ?? [];
  if (!metrics.length) return '<none>';
  const current = hpa.status?.currentMetrics ?? [];
  return metrics
    .map((m, i) => {
      if (m.type !== 'Resource' || !m.resource) return `${m.type}`;
      const name = m.resource.name;
      const target = m.resource.target;
      const cur = current[i]?.resource?.current ?? current.find((c) => c.resource?.name === name)?.resource?.current;
      if (target.type === 'Utilization') {
        const now = cur?.averageUtilization;
        return `${name}: ${now === undefined ? '<unknown>' : `${now}%`}/${target.averageUtilization}%`;
      }
      const want = target.averageValue ?? target.value ?? '';
      return `${name}: ${cur?.averageValue ?? '<unknown>'}/${want}`;
    })
    .join(', ');
}

export const hpaPrinter = definePrinter<HorizontalPodAutoscaler>({
  kind: 'HorizontalPodAutoscaler',
  columns: [{ name: 'NAME' }, { name: 'REFERENCE' }, { name: 'TARGETS' }, { name: 'MINPODS', align: 'right' }, { name: 'MAXPODS', align: 'right' }, { name: 'REPLICAS', align: 'right' }, { name: 'AGE', time: true }],
  row(h) {
    const ref = h.spec?.scaleTargetRef;
    return [
      plain(h.metadata.name!),
      plain(ref ? `${ref.kind}/${ref.name}` : ''),
      plain(hpaTargets(h)),
      num(h.spec?.minReplicas ?? 1),
      num(h.spec?.maxReplicas ?? 0),
      num(h.status?.currentReplicas ?? 0),
      since(h.metadata.creationTimestamp),
    ];
  },
  health(h) {
    if (h.status?.conditions?.some((c) => c.type === 'ScalingActive' && c.status === 'False')) return 'warning';
    return (h.status?.currentReplicas ?? 0) >= (h.spec?.maxReplicas ?? Infinity) ? 'error' : 'ok';
  },
});
