// The crumb of each page on the stack: `deployments(default)`, `replicasets(web)`, `describe web`.
import { mustKind } from '../../api/kinds.js';
import { refName } from '../../events/decisionLog.js';
import type { Page } from './pages.js';

export function crumbOf(page: Page): string {
  switch (page.type) {
    case 'resources': {
      const info = mustKind(page.kind);
      const scope = page.scopeLabel ?? (info.namespaced ? (page.namespace ?? 'all') : '');
      return scope ? `${info.plural}(${scope})` : info.plural;
    }
    case 'describe':
    case 'yaml':
      return `${page.type} ${refName(page.ref)}`;
    case 'logs':
      return `logs ${page.ref.name}${page.container ? `/${page.container}` : ''}${page.previous ? ' (previous)' : ''}`;
    case 'decisions':
      return `decisions${page.object ? `(${refName(page.object)})` : page.component ? `(${page.component})` : ''}`;
    case 'containers':
      return `containers(${page.pod.name})`;
    case 'xray':
      return `xray ${mustKind(page.kind).plural}(${page.namespace ?? 'all'})`;
    case 'can':
      return `can ${page.subject}`;
    default:
      return page.type;
  }
}
