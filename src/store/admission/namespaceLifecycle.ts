// NamespaceLifecycle: nothing is created in a namespace that does not exist or is being deleted, and
// the namespaces the cluster itself needs cannot be deleted.
// (apiserver plugin/namespace/lifecycle; the namespace defaults below are the namespace registry
// strategy's PrepareForCreate, which runs on every create before admission in a real apiserver.)
import { ApiError, isApiError, notFound } from '../../api/errors.js';
import { isNamespaced } from '../../api/kinds.js';
import type { AdmissionPlugin } from '../admission.js';
import { forbiddenFor } from './requestName.js';

/** `default`, `kube-system` and `kube-public` may never be deleted (kube-node-lease may). */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

/** The Status cause a refusal carries, so controllers can recognise it and stay quiet. */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

export function isNamespaceTerminatingError(e: unknown): boolean {
  return isApiError(e, 'Forbidden') && e.causes.some((c) => c.type === NAMESPACE_TERMINATING_CAUSE);
}

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',

  mutate({ operation, object, store }) {
    if (operation !== 'CREATE') return;
    if (object.kind === 'Namespace') {
      // Every namespace starts Active and waits for the namespace controller when deleted.
      object.spec = { ...(object.spec ?? {}) };
      const finalizers: string[] = object.spec.finalizers ?? [];
      if (!finalizers.includes('kubernetes')) object.spec.finalizers = [...finalizers, 'kubernetes'];
      object.status = { ...(object.status ?? {}), phase: 'Active' };
      return;
    }
    if (!isNamespaced(object.kind)) return;
    const ns = object.metadata.namespace ?? 'default';
    const namespace = store.get('Namespace', undefined, ns);
    if (!namespace) throw notFound('namespaces', ns);
    if (namespace.metadata.deletionTimestamp || namespace.status?.phase === 'Terminating') {
      const refusal = forbiddenFor(object, `unable to create new content in namespace ${ns} because it is being terminated`);
      throw new ApiError(
        'Forbidden',
        refusal.message,
        [{ field: 'metadata.namespace', type: NAMESPACE_TERMINATING_CAUSE, message: `namespace ${ns} is being terminated` }],
        refusal.details,
      );
    }
  },

  validate({ operation, object }) {
    if (operation !== 'DELETE' || object.kind !== 'Namespace') return;
    if (IMMORTAL_NAMESPACES.includes(object.metadata.name ?? '')) throw forbiddenFor(object, 'this namespace may not be deleted');
  },
};
