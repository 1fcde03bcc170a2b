// Which decisions a decisions page shows: by component, by object, and by the `/` filter text.
import type { Cluster } from '../../cluster.js';
import { refName, type Decision } from '../../events/decisionLog.js';
import { componentNames, fullComponent } from '../components/DecisionPane.js';
import type { DecisionsPage } from './pages.js';

export function decisionsFor(cluster: Cluster, page: DecisionsPage): Decision[] {
  const all = byComponent(cluster, page);
  const filter = page.filter.trim().toLowerCase();
  if (!filter) return all;
  return all.filter((d) => `${componentNames(d.component)} ${refName(d.object)} ${d.action} ${d.reason}`.toLowerCase().includes(filter));
}

/** `:decisions NAME` takes the name the pane shows too: `scheduler`, `hpa`, `endpoint` (for endpoint-controller). */
function byComponent(cluster: Cluster, page: DecisionsPage): Decision[] {
  const component = page.component === undefined ? undefined : fullComponent(page.component);
  const found = cluster.decisions.query({ component, object: page.object });
  if (found.length || !component || component.endsWith('-controller')) return found;
  return cluster.decisions.query({ component: `${component}-controller`, object: page.object });
}
