// The admission chain, in kube-apiserver's order (pkg/kubeapiserver/options/plugins.go,
// AllOrderedPlugins): NamespaceLifecycle, LimitRanger, ServiceAccount, Priority,
// DefaultTolerationSeconds, DefaultStorageClass, ..., ResourceQuota last. The store runs every
// plugin's mutate in this order, then every plugin's validate in this order.
//
// ServiceAllocation is not an admission plugin upstream: the Service storage allocates ClusterIPs and
// NodePorts after mutating admission and before validation, which is where it sits here.
import type { Store } from '../store.js';
import { defaultStorageClassAdmission } from './defaultStorageClass.js';
import { defaultTolerationSeconds } from './defaultTolerationSeconds.js';
import { limitRanger } from './limitRanger.js';
import { namespaceLifecycle } from './namespaceLifecycle.js';
import { podCapacityAdmission } from './podCapacity.js';
import { priorityAdmission } from './priority.js';
import { rememberRequestedName } from './requestName.js';
import { resourceQuotaAdmission } from './resourceQuota.js';
import { serviceAccountAdmission } from './serviceAccount.js';
import { serviceAllocation } from './serviceAllocation.js';

export function installAdmission(store: Store): void {
  for (const plugin of [
    rememberRequestedName,
    namespaceLifecycle,
    limitRanger,
    serviceAccountAdmission,
    priorityAdmission,
    defaultTolerationSeconds,
    defaultStorageClassAdmission,
    serviceAllocation(store),
    resourceQuotaAdmission,
    podCapacityAdmission, // kubesim's own: a bounded number of pods (see podCapacity.ts)
  ]) {
    store.addAdmissionPlugin(plugin);
  }
}

export { isNamespaceTerminatingError, IMMORTAL_NAMESPACES } from './namespaceLifecycle.js';
export { builtinPriorityClasses, SYSTEM_PRIORITY_CLASSES } from './priority.js';
export { SERVICE_CIDR } from './serviceRanges.js';
