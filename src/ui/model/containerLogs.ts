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

type LogsFn = (namespace: string, pod: string, container: string, options: { previous?: boolean; tailLines?: number }) => unknown;

/** One log line as text, whatever shape the kubelets hand it in. */
function lineText(line: unknown): string {
  if (typeof line === 'string') return line;
  const l = line as { text?: unknown } | undefined;
  return typeof l?.text === 'string' ? l.text : String(line);
}

export function readContainerLogs(cluster: Cluster, req: LogRequest): LogResult {
  const logs = (cluster.kubelets as unknown as { logs?: LogsFn }).logs;
  if (typeof logs !== 'function') return { lines: [], error: 'this cluster keeps no container logs' };
  try {
    const result = logs.call(cluster.kubelets, req.namespace, req.pod, req.container, { previous: req.previous, tailLines: req.tailLines ?? LOG_TAIL });
    const list = typeof result === 'string' ? result.split('\n') : Array.isArray(result) ? result.map(lineText) : [];
    if (typeof result === 'string' && list[list.length - 1] === '') list.pop();
    return { lines: list.slice(-(req.tailLines ?? LOG_TAIL)) };
  } catch (error) {
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
