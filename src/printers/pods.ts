// Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES.
import type { Pod } from '../api/types.js';
import { num, plain, since, text } from './columns.js';
import { restartsText } from './common.js';
import { definePrinter } from './printer.js';
import { podHealth, summarizePod } from './podStatus.js';

export const podPrinter = definePrinter<Pod>({
  kind: 'Pod',
  columns: [
    { name: 'NAME' },
    { name: 'READY' },
    { name: 'STATUS' },
    { name: 'RESTARTS', align: 'right' },
    { name: 'AGE', time: true },
    { name: 'IP', wide: true },
    { name: 'NODE', wide: true },
    { name: 'NOMINATED NODE', wide: true },
    { name: 'READINESS GATES', wide: true },
  ],
  row(pod, ctx) {
    const s = summarizePod(pod);
    const gates = pod.spec?.readinessGates ?? [];
    const gatesReady = gates.filter((g) => pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length;
    return [
      plain(pod.metadata.name!),
      { text: `${s.ready}/${s.total}`, sort: s.total ? s.ready / s.total : 0 },
      plain(s.status),
      { text: restartsText(s.restarts, s.lastRestart, ctx.now), sort: s.restarts },
      since(pod.metadata.creationTimestamp),
      text(pod.status?.podIP),
      text(pod.spec?.nodeName),
      text(pod.status?.nominatedNodeName),
      gates.length ? plain(`${gatesReady}/${gates.length}`) : text(undefined),
    ];
  },
  health: (pod) => podHealth(summarizePod(pod)),
});

export { num };
