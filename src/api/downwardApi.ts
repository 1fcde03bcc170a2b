// The downward API: the value of a pod field that `env[].valueFrom.fieldRef` names. The kubelet
// resolves it when a container starts; describe shows the same value.
import type { Pod } from './types.js';

export interface PodAddresses {
  hostIP?: string;
  podIP?: string;
}

/** `metadata.name`, `metadata.labels['app']`, `status.podIP`, ...; '' for what is not set. */
export function podFieldValue(pod: Pod, path: string, addresses: PodAddresses = {}): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
      return addresses.hostIP ?? pod.status?.hostIP ?? '';
    case 'status.hostIPs':
      return addresses.hostIP ?? (pod.status?.hostIPs ?? []).map((a) => a.ip).join(',');
    case 'status.podIP':
      return addresses.podIP ?? pod.status?.podIP ?? '';
    case 'status.podIPs':
      return addresses.podIP ?? (pod.status?.podIPs ?? []).map((a) => a.ip).join(',');
    default:
      return '';
  }
}
