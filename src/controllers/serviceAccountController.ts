// serviceaccount-controller (pkg/controller/serviceaccount): every namespace has a ServiceAccount named
// `default`, the identity of pods that name none; it is created with the namespace and re-created if
// someone deletes it.
import { isApiError } from '../api/errors.js';
import type { Namespace, ServiceAccount } from '../api/types.js';
import { DEFAULT_SERVICE_ACCOUNT } from '../store/admission/serviceAccount.js';
import { isNamespaceTerminatingError } from '../store/admission/namespaceLifecycle.js';
import { Controller } from './controller.js';

export class ServiceAccountController extends Controller {
  readonly name = 'serviceaccount-controller';
  protected override readonly primaryKind = 'Namespace';

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'Namespace' }, (e) => {
      if (e.type === 'ADDED') this.enqueue(e.object.metadata.name!);
    });
    store.watch({ kind: 'ServiceAccount' }, (e) => {
      if (e.type === 'DELETED' && e.object.metadata.name === DEFAULT_SERVICE_ACCOUNT) this.enqueue(e.object.metadata.namespace!);
    });
    for (const ns of store.list<Namespace>('Namespace')) this.enqueue(ns.metadata.name!);
  }

  /** Key: a namespace name. */
  reconcile(key: string): void {
    const { store } = this.cp;
    const ns = store.get<Namespace>('Namespace', undefined, key);
    // A namespace on its way out gets nothing new (NamespaceLifecycle would refuse it anyway).
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (store.get('ServiceAccount', key, DEFAULT_SERVICE_ACCOUNT)) return;
    const account: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: key } };
    try {
      store.create(account, { trusted: true });
    } catch (error) {
      if (isNamespaceTerminatingError(error) || isApiError(error, 'AlreadyExists')) return;
      throw error;
    }
    this.decide(ns, `created service account ${key}/${DEFAULT_SERVICE_ACCOUNT}`, `namespace ${key} had no "${DEFAULT_SERVICE_ACCOUNT}" service account; pods that name none run as it`);
  }
}
