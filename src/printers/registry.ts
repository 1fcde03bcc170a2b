// The printer of each kind, by Kind name.
import { kindInfo } from '../api/kinds.js';
import type { KObject } from '../api/object.js';
import { plain, since } from './columns.js';
import * as clusterKinds from './clusterKinds.js';
import * as config from './config.js';
import * as networking from './networking.js';
import { podPrinter } from './pods.js';
import { definePrinter, type Printer } from './printer.js';
import * as rbac from './rbac.js';
import * as storage from './storage.js';
import * as workloads from './workloads.js';

const all: Printer[] = [
  podPrinter,
  workloads.deploymentPrinter,
  workloads.replicaSetPrinter,
  workloads.replicationControllerPrinter,
  workloads.statefulSetPrinter,
  workloads.daemonSetPrinter,
  workloads.jobPrinter,
  workloads.cronJobPrinter,
  workloads.hpaPrinter,
  networking.servicePrinter,
  networking.endpointsPrinter,
  networking.endpointSlicePrinter,
  networking.ingressPrinter,
  storage.persistentVolumePrinter,
  storage.persistentVolumeClaimPrinter,
  storage.storageClassPrinter,
  config.configMapPrinter,
  config.secretPrinter,
  config.serviceAccountPrinter,
  rbac.rolePrinter,
  rbac.clusterRolePrinter,
  rbac.roleBindingPrinter,
  rbac.clusterRoleBindingPrinter,
  clusterKinds.namespacePrinter,
  clusterKinds.nodePrinter,
  clusterKinds.eventPrinter,
  clusterKinds.leasePrinter,
  clusterKinds.priorityClassPrinter,
  clusterKinds.resourceQuotaPrinter,
  clusterKinds.limitRangePrinter,
  clusterKinds.controllerRevisionPrinter,
];

const byKind = new Map(all.map((p) => [p.kind, p]));

/** NAME and AGE, for any kind without a printer of its own. */
function fallback(kind: string): Printer {
  return definePrinter<KObject>({
    kind,
    columns: [{ name: 'NAME' }, { name: 'AGE', time: true }],
    row: (o) => [plain(o.metadata.name ?? ''), since(o.metadata.creationTimestamp)],
    health: () => 'ok',
  });
}

export function printerFor(kind: string): Printer {
  return byKind.get(kind) ?? fallback(kindInfo(kind)?.kind ?? kind);
}
