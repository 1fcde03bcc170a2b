// Reading a container's logs for the logs page: the kubelets' synthetic logs, the tail only (the
// page never holds more than LOG_TAIL lines), and which container a page means when it names none.
import type { Pod } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';

/** Lines the logs page keeps: enough to scroll back through, bounded whatever the container prints. */
export const LOG_TAIL = 3000;

export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  tailLines?: number;
}

export interface LogResult {
  lines: string[];
  /** Why there are no logs (no previous instance, container not started), in kubectl's words. */
  error?: string;
}

export function readContainerLogs(cluster: Cluster, req: LogRequest): LogResult {
  const tailLines = req.tailLines ?? LOG_TAIL;
  try {
    return { lines: cluster.kubelets.logs(req.namespace, req.pod, req.container, { previous: req.previous, tailLines }) };
  } catch (error) {
    // kubectl's own words: `previous terminated container "web" in pod "web-0" not found`, ...
    return { lines: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** Every container of the pod, regular ones first, then init containers (the `c` key cycles them). */
export function containerNames(pod: Pod | undefined): string[] {
  return [...(pod?.spec?.containers ?? []), ...(pod?.spec?.initContainers ?? [])].map((c) => c.name);
}

/** The container kubectl logs picks without -c: the default-container annotation, else the first. */
export function defaultContainer(pod: Pod | undefined): string | undefined {
  const annotated = pod?.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const names = containerNames(pod);
  return annotated && names.includes(annotated) ? annotated : names[0];
}
