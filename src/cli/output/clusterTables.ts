// Without -o: kubectl-style tables, one per kind that has objects, NAMESPACE first.
import { KINDS } from '../../api/kinds.js';
import type { Cluster } from '../../cluster.js';
import { printerFor } from '../../printers/registry.js';
import { renderTextTable } from '../../printers/textTable.js';
import { sortObjects } from './clusterJson.js';

/** Kinds the cluster makes for itself and nobody asked to see in a dry run. */
const QUIET_KINDS = new Set(['Event', 'Lease', 'ControllerRevision', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount']);

export function clusterTables(cluster: Cluster, options: { wide: boolean }): string {
  const ctx = { now: cluster.clock.now(), store: cluster.store };
  const sections: string[] = [];
  for (const info of KINDS) {
    if (QUIET_KINDS.has(info.kind)) continue;
    let objects = sortObjects(cluster.store.list(info.kind));
    if (info.kind === 'Namespace') objects = objects.filter((o) => !['kube-public', 'kube-node-lease'].includes(o.metadata.name!));
    if (!objects.length) continue;
    const title = info.group ? `${info.plural}.${info.group}` : info.plural;
    sections.push(`${title}:\n${renderTextTable(printerFor(info.kind), objects, ctx, { wide: options.wide, withNamespace: info.namespaced })}`);
  }
  sections.push(`simulated time: ${cluster.clock.elapsedSeconds()}s`);
  return sections.join('\n\n');
}
