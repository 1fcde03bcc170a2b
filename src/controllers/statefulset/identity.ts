// A StatefulSet pod's identity (stateful_set_utils.go): a stable name `<set>-<ordinal>`, the
// pod-name and pod-index labels, hostname and subdomain for its DNS name, and one claim per
// volumeClaimTemplate named `<claim>-<set>-<ordinal>`.
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types.js';
import { podFromTemplate } from '../replicaset/manageReplicas.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

const ORDINAL = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-12` → [`web`, 12]; [``, -1] for a name without an ordinal. */
export function parentAndOrdinal(podName: string): [string, number] {
  const m = ORDINAL.exec(podName);
  if (!m) return ['', -1];
  const n = Number(m[2]);
  return Number.isSafeInteger(n) && n <= 2147483647 ? [m[1], n] : ['', -1];
}

export function ordinalOf(pod: Pod): number {
  return parentAndOrdinal(pod.metadata.name ?? '')[1];
}

/** isMemberOf: the pod's name says it belongs to this set. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentAndOrdinal(pod.metadata.name ?? '')[0] === set.metadata.name;
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

export function replicasOf(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

/** The last ordinal the set wants (start − 1 when it wants none). */
export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + replicasOf(set) - 1;
}

export function inOrdinalRange(set: StatefulSet, pod: Pod): boolean {
  const ord = ordinalOf(pod);
  return ord >= startOrdinal(set) && ord <= endOrdinal(set);
}

export function claimName(templateName: string, pod: string): string {
  return `${templateName}-${pod}`;
}

/** getPersistentVolumeClaims: the claims a pod of this set uses, keyed by template name. */
export function claimsFor(set: StatefulSet, pod: string): Map<string, PersistentVolumeClaim> {
  const out = new Map<string, PersistentVolumeClaim>();
  const selectorLabels = set.spec?.selector?.matchLabels ?? {};
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const templateName = template.metadata?.name ?? '';
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName(templateName, pod),
        namespace: set.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}), ...selectorLabels },
      },
      spec: structuredClone(template.spec ?? {}),
    };
    if (template.metadata?.annotations) claim.metadata.annotations = { ...template.metadata.annotations };
    if (!Object.keys(claim.metadata.labels!).length) delete claim.metadata.labels;
    out.set(templateName, claim);
  }
  return out;
}

/** initIdentity: name, pod-name and pod-index labels, hostname, subdomain. */
export function applyIdentity(set: StatefulSet, pod: Pod, ordinal: number): void {
  const name = podName(set, ordinal);
  pod.metadata.name = name;
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
  pod.spec ??= { containers: [] };
  pod.spec.hostname = name;
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  else delete pod.spec.subdomain;
}

/** updateStorage: one persistentVolumeClaim volume per claim template, replacing same-named volumes. */
export function applyStorage(set: StatefulSet, pod: Pod): void {
  const templates = set.spec?.volumeClaimTemplates ?? [];
  if (!templates.length) return;
  pod.spec ??= { containers: [] };
  const claimVolumes = templates.map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(t.metadata?.name ?? '', pod.metadata.name ?? '') },
  }));
  const names = new Set(claimVolumes.map((v) => v.name));
  pod.spec.volumes = [...claimVolumes, ...(pod.spec.volumes ?? []).filter((v) => !names.has(v.name))];
}

/** newStatefulSetPod at a revision: the template, the identity and the claims, labelled with the revision. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, revisionName: string): Pod {
  const pod = podFromTemplate(set);
  applyIdentity(set, pod, ordinal);
  applyStorage(set, pod);
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_LABEL]: revisionName };
  return pod;
}

export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const [parent, ordinal] = parentAndOrdinal(pod.metadata.name ?? '');
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name &&
    pod.metadata.labels?.[POD_INDEX_LABEL] === String(ordinal)
  );
}

export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const name = t.metadata?.name ?? '';
    const v = volumes.get(name);
    if (v?.persistentVolumeClaim?.claimName !== claimName(name, pod.metadata.name ?? '')) return false;
  }
  return true;
}

export function revisionOf(pod: Pod): string {
  return pod.metadata.labels?.[REVISION_LABEL] ?? '';
}
