// One line of status and a health verdict for each object an xray tree shows: what a reader needs to
// see at a glance (`3/3 ready`, `CrashLoopBackOff`, `Bound`), and a mark that reads without colour.
import type { KObject } from '../../api/object.js';
import type { Cluster } from '../../cluster.js';
import type { Health } from '../../printers/columns.js';
import { summarizePod } from '../../printers/podStatus.js';
import { printerFor } from '../../printers/registry.js';

export const HEALTH_MARK: Record<Health, string> = {
  ok: '✓',
  pending: '…',
  warning: '!',
  error: '✗',
  muted: '·',
};

export function objectHealth(cluster: Cluster, obj: KObject): Health {
  return printerFor(obj.kind).health(obj, { now: cluster.clock.now(), store: cluster.store });
}

export function objectStatus(obj: KObject): string {
  const spec = obj.spec ?? {};
  const status = obj.status ?? {};
  switch (obj.kind) {
    case 'Pod': {
      const s = summarizePod(obj);
      return `${s.status} ${s.ready}/${s.total}${s.restarts ? `, ${s.restarts} restarts` : ''}${obj.spec?.nodeName ? ` on ${obj.spec.nodeName}` : ''}`;
    }
    case 'Deployment':
      return `${status.readyReplicas ?? 0}/${spec.replicas ?? 1} ready, ${status.updatedReplicas ?? 0} up-to-date, ${status.availableReplicas ?? 0} available`;
    case 'ReplicaSet':
    case 'ReplicationController': {
      const revision = obj.metadata.annotations?.['deployment.kubernetes.io/revision'];
      return `${status.readyReplicas ?? 0}/${spec.replicas ?? 1} ready${revision ? `, revision ${revision}` : ''}`;
    }
    case 'StatefulSet':
      return `${status.readyReplicas ?? 0}/${spec.replicas ?? 1} ready`;
    case 'DaemonSet':
      return `${status.numberReady ?? 0}/${status.desiredNumberScheduled ?? 0} ready`;
    case 'Job': {
      const done = status.conditions?.find((c: { type: string; status: string }) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
      return `${status.succeeded ?? 0}/${spec.completions ?? 1} complete${status.active ? `, ${status.active} active` : ''}${done ? `, ${done.type}` : ''}`;
    }
    case 'CronJob':
      return `${spec.schedule ?? ''}${spec.suspend ? ' (suspended)' : ''}, ${status.active?.length ?? 0} active`;
    case 'Service':
      return `${spec.type ?? 'ClusterIP'} ${spec.clusterIP ?? ''}`.trim();
    case 'Endpoints': {
      let ready = 0;
      let notReady = 0;
      for (const s of obj.subsets ?? []) {
        ready += s.addresses?.length ?? 0;
        notReady += s.notReadyAddresses?.length ?? 0;
      }
      return `${ready} ready address(es)${notReady ? `, ${notReady} not ready` : ''}`;
    }
    case 'PersistentVolumeClaim':
      return `${status.phase ?? 'Pending'}${spec.volumeName ? ` to ${spec.volumeName}` : ''}`;
    case 'PersistentVolume':
      return `${status.phase ?? 'Pending'}${spec.capacity?.storage ? ` ${spec.capacity.storage}` : ''}`;
    default:
      return 'exists';
  }
}
