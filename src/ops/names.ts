// How kubectl names objects in what it prints: `deployment.apps/web` in results, `deployment.apps
// "web"` in delete output, `deployments.apps "web"` in errors.
import { mustKind } from '../api/kinds.js';

/** `deployment.apps/web`, `pod/web-x`, `node/node-2`. */
export function kubectlRef(kind: string, name: string): string {
  const info = mustKind(kind);
  return `${info.singular}${info.group ? `.${info.group}` : ''}/${name}`;
}

/** `deployment.apps "web"`: the subject of `kubectl delete`'s output. */
export function kubectlQuoted(kind: string, name: string): string {
  const info = mustKind(kind);
  return `${info.singular}${info.group ? `.${info.group}` : ''} "${name}"`;
}

/** `deployments.apps "web"`: how the API names an object in its errors. */
export function apiQuoted(kind: string, name: string): string {
  const info = mustKind(kind);
  return `${info.plural}${info.group ? `.${info.group}` : ''} "${name}"`;
}
