// What Enter opens for a selected object, as k9s does: deployment → replicasets → pods →
// containers; service → its pods; node → its pods; cronjob → jobs; job → pods; namespace → its pods;
// pvc → its pv. Anything else opens describe.
import type { KObject } from '../../api/object.js';
import { refOf } from '../../events/decisionLog.js';
import { selectorText } from '../../printers/common.js';
import { resourcePage, type Page } from './pages.js';

const OWNS_PODS = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job']);

export function drillDown(obj: KObject): Page {
  const name = obj.metadata.name ?? '';
  const ns = obj.metadata.namespace;
  if (obj.kind === 'Deployment') return resourcePage('ReplicaSet', ns, { ownerUid: obj.metadata.uid, scopeLabel: name });
  if (obj.kind === 'CronJob') return resourcePage('Job', ns, { ownerUid: obj.metadata.uid, scopeLabel: name });
  if (OWNS_PODS.has(obj.kind)) return resourcePage('Pod', ns, { ownerUid: obj.metadata.uid, scopeLabel: name });
  if (obj.kind === 'Service' && obj.spec?.selector && Object.keys(obj.spec.selector).length)
    return resourcePage('Pod', ns, { labelSelector: selectorText(obj.spec.selector), scopeLabel: name });
  if (obj.kind === 'Node') return resourcePage('Pod', undefined, { nodeName: name, scopeLabel: name });
  if (obj.kind === 'Namespace') return resourcePage('Pod', name, { scopeLabel: name });
  if (obj.kind === 'PersistentVolumeClaim' && obj.spec?.volumeName)
    return resourcePage('PersistentVolume', undefined, { fieldSelector: `metadata.name=${obj.spec.volumeName}`, scopeLabel: name });
  if (obj.kind === 'Pod') return { type: 'containers', pod: refOf(obj), selected: 0 };
  return { type: 'describe', ref: refOf(obj), scroll: 0 };
}
