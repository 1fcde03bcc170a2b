// The rows of a pod's containers page, k9s's columns: IDX, NAME, IMAGE, READY, STATE, RESTARTS,
// PROBES(L:R:S) (`on`/`off` each), CPU, MEM, PORTS, AGE. Init containers come first as I1, I2...
import { formatBytes, formatCpuMillis, milliValue, tryParseQuantity } from '../../api/quantity.js';
import type { Container, ContainerStatus, Pod } from '../../api/types.js';
import type { Cluster } from '../../cluster.js';
import type { Cell, Column, Health } from '../../printers/columns.js';
import { since } from '../../printers/columns.js';

export const CONTAINER_COLUMNS: Column[] = [
  { name: 'IDX' },
  { name: 'NAME' },
  { name: 'IMAGE' },
  { name: 'READY' },
  { name: 'STATE' },
  { name: 'RESTARTS', align: 'right' },
  { name: 'PROBES(L:R:S)' },
  { name: 'CPU', align: 'right' },
  { name: 'MEM', align: 'right' },
  { name: 'PORTS' },
  { name: 'AGE', time: true },
];

export interface ContainerRow {
  key: string;
  name: string;
  init: boolean;
  cells: Cell[];
  health: Health;
}

type State = ContainerStatus['state'];

/** k9s's STATE: the waiting or terminated reason, `Running`, or `Waiting` / `Terminating` without one. */
export function containerState(state: State | undefined): string {
  if (state?.waiting) return state.waiting.reason || 'Waiting';
  if (state?.terminated) return state.terminated.reason || 'Terminating';
  if (state?.running) return 'Running';
  return 'n/a';
}

export function stateHealth(state: string, ready: boolean): Health {
  if (state === 'Completed') return 'muted';
  if (state === 'Running') return ready ? 'ok' : 'warning';
  if (state === 'ContainerCreating' || state === 'PodInitializing' || state === 'Waiting' || state === 'n/a') return 'pending';
  return 'error';
}

/** `http:80,53/UDP`: the port's name if it has one; the protocol unless TCP. */
export function portsText(c: Container): string {
  return (c.ports ?? []).map((p) => `${p.name ? `${p.name}:` : ''}${p.containerPort}${p.protocol && p.protocol !== 'TCP' ? `/${p.protocol}` : ''}`).join(',');
}

const probe = (p: unknown) => (p ? 'on' : 'off');

function cpuRequest(c: Container): number {
  const q = tryParseQuantity((c.resources?.requests?.cpu ?? c.resources?.limits?.cpu) as string | undefined);
  return q ? milliValue(q) : 0;
}

/**
 * Usage per container. Metrics come per pod; they are shared out by CPU request (equally when no
 * container asks for any), which is how the usage model builds the pod's figure in the first place.
 */
function containerShares(containers: Container[]): number[] {
  const requests = containers.map(cpuRequest);
  const total = requests.reduce((a, b) => a + b, 0);
  return requests.map((r) => (total ? r / total : 1 / containers.length));
}

export function containerRows(cluster: Cluster, pod: Pod): ContainerRow[] {
  const spec = pod.spec ?? { containers: [] };
  const statuses = new Map([...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((s) => [s.name, s]));
  const usage = cluster.usage.podUsage(pod);
  const running = (spec.containers ?? []).filter((c) => statuses.get(c.name)?.state?.running);
  const shares = containerShares(running);
  const rows: ContainerRow[] = [];
  const add = (c: Container, idx: string, init: boolean) => {
    const status = statuses.get(c.name);
    const state = containerState(status?.state);
    const ready = status?.ready ?? false;
    const share = usage && !init ? shares[running.indexOf(c)] : undefined;
    const cpu = share === undefined ? undefined : Math.round(usage!.cpuMilli * share);
    const mem = share === undefined ? undefined : Math.round(usage!.memoryBytes * share);
    rows.push({
      key: c.name,
      name: c.name,
      init,
      health: stateHealth(state, ready),
      cells: [
        { text: idx },
        { text: c.name },
        { text: c.image ?? '' },
        { text: String(ready) },
        { text: state },
        { text: String(status?.restartCount ?? 0), sort: status?.restartCount ?? 0 },
        { text: `${probe(c.livenessProbe)}:${probe(c.readinessProbe)}:${probe(c.startupProbe)}` },
        cpu === undefined ? { text: 'n/a' } : { text: formatCpuMillis(cpu), sort: cpu },
        mem === undefined ? { text: 'n/a' } : { text: formatBytes(Math.round(mem / 1048576) * 1048576), sort: mem },
        { text: portsText(c) },
        since(pod.metadata.creationTimestamp),
      ],
    });
  };
  (spec.initContainers ?? []).forEach((c, i) => add(c, `I${i + 1}`, true));
  (spec.containers ?? []).forEach((c, i) => add(c, String(i + 1), false));
  return rows;
}
