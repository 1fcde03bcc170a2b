// Defaults of the remaining kinds: Secret, Namespace, Node, PriorityClass, HPA, LimitRange, RBAC.

type Obj = Record<string, any>;

/** stringData is write-only: merged into base64 `data` (winning on conflicts) and dropped. */
export function defaultSecret(obj: Obj): void {
  obj.type ||= 'Opaque';
  if (obj.stringData && typeof obj.stringData === 'object') {
    const data = (obj.data ??= {});
    for (const [key, value] of Object.entries(obj.stringData)) data[key] = Buffer.from(String(value ?? ''), 'utf8').toString('base64');
  }
  delete obj.stringData;
}

export function defaultNamespace(obj: Obj): void {
  const meta = (obj.metadata ??= {});
  // Every namespace can be selected by name (namespaceSelector) through this label.
  if (meta.name) meta.labels = { ...(meta.labels ?? {}), 'kubernetes.io/metadata.name': meta.name };
  const spec = (obj.spec ??= {});
  // Only a new namespace gets the finalizer (the registry adds it on create); once the namespace
  // controller has removed it, updates must not bring it back. A stored namespace has a phase.
  if (!obj.status?.phase) spec.finalizers ??= ['kubernetes'];
  const status = (obj.status ??= {});
  status.phase ||= 'Active';
}

/** A node that reports no allocatable has all of its capacity allocatable. */
export function defaultNode(obj: Obj): void {
  const status = obj.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

export function defaultPriorityClass(obj: Obj): void {
  obj.preemptionPolicy ||= 'PreemptLowerPriority';
}

export const scaleUpDefaults = () => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});
// No scale-down window here: the controller applies its --horizontal-pod-autoscaler-downscale-stabilization.
export const scaleDownDefaults = () => ({ selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });

function fillRules(rules: Obj | undefined, defaults: Obj): Obj {
  if (!rules) return defaults;
  if (rules.policies == null) rules.policies = defaults.policies;
  rules.selectPolicy ??= defaults.selectPolicy;
  if (rules.stabilizationWindowSeconds == null && defaults.stabilizationWindowSeconds !== undefined) {
    rules.stabilizationWindowSeconds = defaults.stabilizationWindowSeconds;
  }
  return rules;
}

/** autoscaling/v2: min 1 replica, CPU at 80% when no metric is given; a partial behavior is completed. */
export function defaultHorizontalPodAutoscaler(obj: Obj): void {
  const spec = (obj.spec ??= {});
  spec.minReplicas ??= 1;
  if (!spec.metrics?.length) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = fillRules(spec.behavior.scaleUp, scaleUpDefaults());
    spec.behavior.scaleDown = fillRules(spec.behavior.scaleDown, scaleDownDefaults());
  }
}

/** Container limits: default limit ← max, default request ← default limit, then ← min. */
export function defaultLimitRange(obj: Obj): void {
  for (const item of obj.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    const defaults: Obj = { ...(item.default ?? {}) };
    const requests: Obj = { ...(item.defaultRequest ?? {}) };
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in defaults)) defaults[k] = v;
    for (const [k, v] of Object.entries(defaults)) if (!(k in requests)) requests[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in requests)) requests[k] = v;
    if (Object.keys(defaults).length) item.default = defaults;
    if (Object.keys(requests).length) item.defaultRequest = requests;
  }
}

const rbacGroup = 'rbac.authorization.k8s.io';

export function defaultBinding(obj: Obj): void {
  const ref = (obj.roleRef ??= {});
  ref.apiGroup ||= rbacGroup;
  for (const subject of obj.subjects ?? []) {
    if (subject.apiGroup) continue;
    if (subject.kind === 'ServiceAccount') subject.apiGroup = '';
    else if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = rbacGroup;
  }
}
