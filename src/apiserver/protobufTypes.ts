// Field numbers of the Kubernetes protobuf messages kubectl's typed clients send (k8s.io/api
// generated.proto): what `kubectl create deployment|namespace|configmap|secret|service|job|cronjob|
// serviceaccount|role|rolebinding|clusterrole|clusterrolebinding|quota|priorityclass|ingress`,
// `kubectl run`, `kubectl autoscale`, `kubectl drain` and `kubectl auth can-i` post.
//
// A field is [jsonName, type]: `s` string, `b` bytes (base64 in JSON), `i`/`i?` integer (`?`: a
// pointer, so 0 is a value), `t`/`t?` bool, `[]s` repeated string, `{}s` map of string, `{}b` map
// of bytes, `{}q` map of Quantity, `q` Quantity, `ts` Time, `ios` IntOrString, a message name, or
// `[]Name` repeated messages; `~Name` inlines the message's fields into the parent (Go embedding).

export type FieldSpec = readonly [string, string];
export type MessageSpec = Readonly<Record<number, FieldSpec>>;

const objectMeta: MessageSpec = {
  1: ['name', 's'], 2: ['generateName', 's'], 3: ['namespace', 's'], 11: ['labels', '{}s'], 12: ['annotations', '{}s'],
  13: ['ownerReferences', '[]OwnerReference'], 14: ['finalizers', '[]s'],
};

export const MESSAGES: Readonly<Record<string, MessageSpec>> = {
  ObjectMeta: objectMeta,
  OwnerReference: { 1: ['kind', 's'], 3: ['name', 's'], 4: ['uid', 's'], 5: ['apiVersion', 's'], 6: ['controller', 't?'], 7: ['blockOwnerDeletion', 't?'] },
  LabelSelector: { 1: ['matchLabels', '{}s'], 2: ['matchExpressions', '[]LabelSelectorRequirement'] },
  LabelSelectorRequirement: { 1: ['key', 's'], 2: ['operator', 's'], 3: ['values', '[]s'] },
  DeleteOptions: { 1: ['gracePeriodSeconds', 'i?'], 3: ['orphanDependents', 't?'], 4: ['propagationPolicy', 's'], 5: ['dryRun', '[]s'] },

  // core/v1
  Pod: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  PodSpec: {
    1: ['volumes', '[]Volume'], 2: ['containers', '[]Container'], 3: ['restartPolicy', 's'], 4: ['terminationGracePeriodSeconds', 'i?'],
    5: ['activeDeadlineSeconds', 'i?'], 6: ['dnsPolicy', 's'], 7: ['nodeSelector', '{}s'], 8: ['serviceAccountName', 's'], 10: ['nodeName', 's'],
    11: ['hostNetwork', 't'], 12: ['hostPID', 't'], 13: ['hostIPC', 't'], 15: ['imagePullSecrets', '[]LocalObjectReference'], 16: ['hostname', 's'],
    17: ['subdomain', 's'], 19: ['schedulerName', 's'], 20: ['initContainers', '[]Container'], 21: ['automountServiceAccountToken', 't?'],
    22: ['tolerations', '[]Toleration'], 24: ['priorityClassName', 's'], 25: ['priority', 'i?'], 30: ['enableServiceLinks', 't?'],
  },
  Container: {
    1: ['name', 's'], 2: ['image', 's'], 3: ['command', '[]s'], 4: ['args', '[]s'], 5: ['workingDir', 's'], 6: ['ports', '[]ContainerPort'],
    7: ['env', '[]EnvVar'], 8: ['resources', 'ResourceRequirements'], 9: ['volumeMounts', '[]VolumeMount'], 13: ['terminationMessagePath', 's'],
    14: ['imagePullPolicy', 's'], 16: ['stdin', 't'], 17: ['stdinOnce', 't'], 18: ['tty', 't'], 20: ['terminationMessagePolicy', 's'],
  },
  ContainerPort: { 1: ['name', 's'], 2: ['hostPort', 'i'], 3: ['containerPort', 'i'], 4: ['protocol', 's'], 5: ['hostIP', 's'] },
  EnvVar: { 1: ['name', 's'], 2: ['value', 's'] },
  ResourceRequirements: { 1: ['limits', '{}q'], 2: ['requests', '{}q'] },
  VolumeMount: { 1: ['name', 's'], 2: ['readOnly', 't'], 3: ['mountPath', 's'], 4: ['subPath', 's'] },
  Volume: { 1: ['name', 's'] },
  LocalObjectReference: { 1: ['name', 's'] },
  Toleration: { 1: ['key', 's'], 2: ['operator', 's'], 3: ['value', 's'], 4: ['effect', 's'], 5: ['tolerationSeconds', 'i?'] },
  Namespace: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'NamespaceSpec'] },
  NamespaceSpec: { 1: ['finalizers', '[]s'] },
  ConfigMap: { 1: ['metadata', 'ObjectMeta'], 2: ['data', '{}s'], 3: ['binaryData', '{}b'], 4: ['immutable', 't?'] },
  Secret: { 1: ['metadata', 'ObjectMeta'], 2: ['data', '{}b'], 3: ['type', 's'], 4: ['stringData', '{}s'], 5: ['immutable', 't?'] },
  Service: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ServiceSpec'] },
  ServiceSpec: {
    1: ['ports', '[]ServicePort'], 2: ['selector', '{}s'], 3: ['clusterIP', 's'], 4: ['type', 's'], 5: ['externalIPs', '[]s'], 7: ['sessionAffinity', 's'],
    8: ['loadBalancerIP', 's'], 10: ['externalName', 's'], 11: ['externalTrafficPolicy', 's'], 18: ['clusterIPs', '[]s'],
  },
  ServicePort: { 1: ['name', 's'], 2: ['protocol', 's'], 3: ['port', 'i'], 4: ['targetPort', 'ios'], 5: ['nodePort', 'i'] },
  ServiceAccount: { 1: ['metadata', 'ObjectMeta'], 3: ['imagePullSecrets', '[]LocalObjectReference'], 4: ['automountServiceAccountToken', 't?'] },
  ResourceQuota: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'ResourceQuotaSpec'] },
  ResourceQuotaSpec: { 1: ['hard', '{}q'], 2: ['scopes', '[]s'] },

  // apps/v1
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'] },
  DeploymentSpec: {
    1: ['replicas', 'i?'], 2: ['selector', 'LabelSelector'], 3: ['template', 'PodTemplateSpec'], 4: ['strategy', 'DeploymentStrategy'],
    5: ['minReadySeconds', 'i'], 6: ['revisionHistoryLimit', 'i?'], 7: ['paused', 't'], 9: ['progressDeadlineSeconds', 'i?'],
  },
  DeploymentStrategy: { 1: ['type', 's'] },

  // batch/v1
  Job: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },
  JobSpec: {
    1: ['parallelism', 'i?'], 2: ['completions', 'i?'], 3: ['activeDeadlineSeconds', 'i?'], 4: ['selector', 'LabelSelector'],
    5: ['manualSelector', 't?'], 6: ['template', 'PodTemplateSpec'], 7: ['backoffLimit', 'i?'], 8: ['ttlSecondsAfterFinished', 'i?'],
    9: ['completionMode', 's'], 10: ['suspend', 't?'],
  },
  CronJob: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'CronJobSpec'] },
  CronJobSpec: {
    1: ['schedule', 's'], 2: ['startingDeadlineSeconds', 'i?'], 3: ['concurrencyPolicy', 's'], 4: ['suspend', 't?'], 5: ['jobTemplate', 'JobTemplateSpec'],
    6: ['successfulJobsHistoryLimit', 'i?'], 7: ['failedJobsHistoryLimit', 'i?'], 8: ['timeZone', 's'],
  },
  JobTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'JobSpec'] },

  // rbac/v1
  Role: { 1: ['metadata', 'ObjectMeta'], 2: ['rules', '[]PolicyRule'] },
  ClusterRole: { 1: ['metadata', 'ObjectMeta'], 2: ['rules', '[]PolicyRule'] },
  PolicyRule: { 1: ['verbs', '[]s'], 2: ['apiGroups', '[]s'], 3: ['resources', '[]s'], 4: ['resourceNames', '[]s'], 5: ['nonResourceURLs', '[]s'] },
  RoleBinding: { 1: ['metadata', 'ObjectMeta'], 2: ['subjects', '[]Subject'], 3: ['roleRef', 'RoleRef'] },
  ClusterRoleBinding: { 1: ['metadata', 'ObjectMeta'], 2: ['subjects', '[]Subject'], 3: ['roleRef', 'RoleRef'] },
  Subject: { 1: ['kind', 's'], 2: ['apiGroup', 's'], 3: ['name', 's'], 4: ['namespace', 's'] },
  RoleRef: { 1: ['apiGroup', 's'], 2: ['kind', 's'], 3: ['name', 's'] },

  // scheduling/v1
  PriorityClass: { 1: ['metadata', 'ObjectMeta'], 2: ['value', 'i'], 3: ['globalDefault', 't'], 4: ['description', 's'], 5: ['preemptionPolicy', 's'] },

  // networking/v1
  Ingress: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'IngressSpec'] },
  IngressSpec: { 1: ['defaultBackend', 'IngressBackend'], 2: ['tls', '[]IngressTLS'], 3: ['rules', '[]IngressRule'], 4: ['ingressClassName', 's'] },
  IngressTLS: { 1: ['hosts', '[]s'], 2: ['secretName', 's'] },
  IngressRule: { 1: ['host', 's'], 2: ['', '~IngressRuleValue'] },
  IngressRuleValue: { 1: ['http', 'HTTPIngressRuleValue'] },
  HTTPIngressRuleValue: { 1: ['paths', '[]HTTPIngressPath'] },
  HTTPIngressPath: { 1: ['path', 's'], 2: ['backend', 'IngressBackend'], 3: ['pathType', 's'] },
  IngressBackend: { 4: ['service', 'IngressServiceBackend'] },
  IngressServiceBackend: { 1: ['name', 's'], 2: ['port', 'ServiceBackendPort'] },
  ServiceBackendPort: { 1: ['name', 's'], 2: ['number', 'i'] },

  // autoscaling
  HorizontalPodAutoscalerV2: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'HPASpecV2'] },
  HPASpecV2: { 1: ['scaleTargetRef', 'CrossVersionObjectReference'], 2: ['minReplicas', 'i?'], 3: ['maxReplicas', 'i'], 4: ['metrics', '[]MetricSpec'] },
  CrossVersionObjectReference: { 1: ['kind', 's'], 2: ['name', 's'], 3: ['apiVersion', 's'] },
  MetricSpec: { 1: ['type', 's'], 4: ['resource', 'ResourceMetricSource'], 7: ['containerResource', 'ContainerResourceMetricSource'] },
  ResourceMetricSource: { 1: ['name', 's'], 2: ['target', 'MetricTarget'] },
  ContainerResourceMetricSource: { 1: ['name', 's'], 2: ['target', 'MetricTarget'], 3: ['container', 's'] },
  MetricTarget: { 1: ['type', 's'], 2: ['value', 'q'], 3: ['averageValue', 'q'], 4: ['averageUtilization', 'i?'] },
  HorizontalPodAutoscalerV1: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'HPASpecV1'] },
  HPASpecV1: { 1: ['scaleTargetRef', 'CrossVersionObjectReference'], 2: ['minReplicas', 'i?'], 3: ['maxReplicas', 'i'], 4: ['targetCPUUtilizationPercentage', 'i?'] },

  // policy/v1 and the reviews
  Eviction: { 1: ['metadata', 'ObjectMeta'], 2: ['deleteOptions', 'DeleteOptions'] },
  SelfSubjectAccessReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectAccessReviewSpec'] },
  SelfSubjectAccessReviewSpec: { 1: ['resourceAttributes', 'ResourceAttributes'], 2: ['nonResourceAttributes', 'NonResourceAttributes'] },
  ResourceAttributes: { 1: ['namespace', 's'], 2: ['verb', 's'], 3: ['group', 's'], 4: ['version', 's'], 5: ['resource', 's'], 6: ['subresource', 's'], 7: ['name', 's'] },
  NonResourceAttributes: { 1: ['path', 's'], 2: ['verb', 's'] },
  SelfSubjectRulesReview: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'SelfSubjectRulesReviewSpec'] },
  SelfSubjectRulesReviewSpec: { 1: ['namespace', 's'] },
  SelfSubjectReview: { 1: ['metadata', 'ObjectMeta'] },
};

/** The root message of a kind in an apiVersion (HorizontalPodAutoscaler differs between v1 and v2). */
export function rootMessage(apiVersion: string, kind: string): string | undefined {
  if (kind === 'HorizontalPodAutoscaler') return apiVersion === 'autoscaling/v1' ? 'HorizontalPodAutoscalerV1' : 'HorizontalPodAutoscalerV2';
  return Object.hasOwn(MESSAGES, kind) ? kind : undefined;
}
