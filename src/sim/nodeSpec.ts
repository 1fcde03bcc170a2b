// How a scenario or `--nodes N` describes the machines of the cluster.

export interface TaintSpec {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeSpec {
  name: string;
  cpu: string; // quantity, e.g. "4"
  memory: string; // quantity, e.g. "8Gi"
  pods: number;
  labels: Record<string, string>;
  taints: TaintSpec[];
}

export const DEFAULT_NODE: Omit<NodeSpec, 'name'> = { cpu: '4', memory: '8Gi', pods: 110, labels: {}, taints: [] };

/** `node-1` … `node-N`, all alike: what `kubesim run --nodes N` starts with. */
export function workerNodes(count: number, shape: Partial<Omit<NodeSpec, 'name'>> = {}): NodeSpec[] {
  return Array.from({ length: count }, (_, i) => ({ ...DEFAULT_NODE, ...shape, name: `node-${i + 1}` }));
}
