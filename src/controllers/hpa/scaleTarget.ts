// The scale subresource (autoscaling/v1 Scale) of the workloads an HPA can target, as the HPA sees
// it: spec.replicas, status.replicas and the selector as a string. Reading resolves the reference
// as the REST mapper and scale client do, with their error messages; writing sets spec.replicas
// through a normal update of the target, which is what the scale subresource does.
import { kindInfo } from '../../api/kinds.js';
import { selectorFromLabelSelector, selectorFromSet, selectorToString } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';
import type { Store } from '../../store/store.js';

/** Kinds with a scale subresource, by API group. */
const SCALABLE: Record<string, string> = {
  Deployment: 'apps',
  ReplicaSet: 'apps',
  StatefulSet: 'apps',
  ReplicationController: '',
};

export interface ScaleTargetRef {
  apiVersion?: string;
  kind: string;
  name: string;
}

export interface ScaleView {
  kind: string;
  namespace: string;
  name: string;
  /** `deployments.apps`: the group-resource, as API messages name it. */
  resource: string;
  specReplicas: number;
  statusReplicas: number;
  /** Scale.status.selector: the label selector in string form, '' when the target has none. */
  selector: string;
}

export type ScaleLookup = { ok: true; scale: ScaleView } | { ok: false; error: string };

/** schema.ParseGroupVersion: only the group matters to the mapper. */
function groupOf(apiVersion: string | undefined): { group: string } | { error: string } {
  const text = apiVersion ?? '';
  if (text === '' || text === '/') return { group: '' };
  const parts = text.split('/');
  if (parts.length === 1) return { group: '' };
  if (parts.length === 2) return { group: parts[0] };
  return { error: `unexpected GroupVersion string: ${text}` };
}

function selectorText(obj: KObject): string {
  try {
    const sel = obj.kind === 'ReplicationController' ? selectorFromSet(obj.spec?.selector) : selectorFromLabelSelector(obj.spec?.selector);
    if (sel.matchesNothing) return '';
    return selectorToString(sel);
  } catch {
    return '';
  }
}

export function getScale(store: Store, namespace: string, ref: ScaleTargetRef): ScaleLookup {
  const gv = groupOf(ref.apiVersion);
  if ('error' in gv) return { ok: false, error: gv.error };
  const info = kindInfo(ref.kind);
  if (!info || info.group !== gv.group) return { ok: false, error: `no matches for kind "${ref.kind}" in group "${gv.group}"` };
  if (SCALABLE[ref.kind] === undefined) return { ok: false, error: 'the server could not find the requested resource' };
  const resource = info.group ? `${info.plural}.${info.group}` : info.plural;
  const obj = store.get(ref.kind, namespace, ref.name);
  if (!obj) {
    const scaleResource = info.group ? `${info.plural}/scale.${info.group}` : `${info.plural}/scale`;
    return { ok: false, error: `${scaleResource} "${ref.name}" not found` };
  }
  return {
    ok: true,
    scale: {
      kind: ref.kind,
      namespace,
      name: ref.name,
      resource,
      specReplicas: obj.spec?.replicas ?? 1,
      statusReplicas: obj.status?.replicas ?? 0,
      selector: selectorText(obj),
    },
  };
}

/** Sets the target's spec.replicas; throws the store's ApiError when the write is refused. */
export function updateScale(store: Store, scale: ScaleView, replicas: number): void {
  store.modify(scale.kind, scale.namespace, scale.name, (draft) => {
    draft.spec = { ...(draft.spec ?? {}), replicas };
  });
}
