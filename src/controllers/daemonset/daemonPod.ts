// A DaemonSet's pod for one node (CreatePodTemplate + ReplaceDaemonSetPodNodeNameNodeAffinity): the
// template with the daemon tolerations, the revision labels, and a required node affinity
// `metadata.name In [node]` that the default scheduler honours. The controller never sets nodeName.
import type { DaemonSet, Pod, PodTemplateSpec } from '../../api/types.js';
import { podFromTemplate } from '../replicaset/manageReplicas.js';
import { withDaemonTolerations } from './eligibility.js';

export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** The apiserver keeps the template generation of a DaemonSet in this annotation. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** GetTemplateGeneration: the annotation when present, else the object's generation. */
export function templateGeneration(ds: DaemonSet): string | undefined {
  const annotated = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (annotated !== undefined) return annotated;
  return ds.metadata.generation !== undefined ? String(ds.metadata.generation) : undefined;
}

/** IsPodUpdated: the pod carries the current revision hash (or the current template generation). */
export function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const hashMatches = hash.length > 0 && labels[REVISION_HASH_LABEL] === hash;
  const generationMatches = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation;
  return hashMatches || generationMatches;
}

export function nodeAffinityFor(affinity: NonNullable<PodTemplateSpec['spec']>['affinity'], node: string): NonNullable<PodTemplateSpec['spec']>['affinity'] {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] };
  const out = structuredClone(affinity ?? {});
  out.nodeAffinity ??= {};
  // The controller already checked the template's own terms, so the pin replaces them.
  out.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  return out;
}

export function daemonPod(ds: DaemonSet, node: string, hash: string): Pod {
  const pod = podFromTemplate(ds);
  const spec = pod.spec!;
  spec.tolerations = withDaemonTolerations(spec.tolerations, !!spec.hostNetwork);
  spec.affinity = nodeAffinityFor(spec.affinity, node);
  const labels: Record<string, string> = { ...(pod.metadata.labels ?? {}), [REVISION_HASH_LABEL]: hash };
  const generation = templateGeneration(ds);
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = generation;
  pod.metadata.labels = labels;
  return pod;
}
