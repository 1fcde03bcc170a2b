// Which decisions a decisions page shows: by component, by object, and by the `/` filter text.
import type { Cluster } from '../../cluster.js';
import { refName, type Decision } from '../../events/decisionLog.js';
import type { DecisionsPage } from './pages.js';

export function decisionsFor(cluster: Cluster, page: DecisionsPage): Decision[] {
  const all = cluster.decisions.query({ component: page.component, object: page.object });
  const filter = page.filter.trim().toLowerCase();
  if (!filter) return all;
  return all.filter((d) => `${d.component} ${refName(d.object)} ${d.action} ${d.reason}`.toLowerCase().includes(filter));
}
