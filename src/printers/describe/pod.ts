// `kubectl describe pod` (describePod): identity, placement, status, containers, conditions,
// volumes, QoS class, node selectors and tolerations.
import type { Pod } from '../../api/types.js';
import { formatAge } from '../../api/duration.js';
import { controlledBy, type Describer } from './context.js';
import { writeContainers, type FieldResolver } from './containers.js';
import { podFieldValue } from '../../api/downwardApi.js';
import { rfc1123z, writeAnnotations, writeLabels, writeTolerations } from './fields.js';
import { LEVEL_0, LEVEL_1 } from './prefixWriter.js';
import { writeVolumes } from './volumes.js';
import { qosClass } from './qos.js';

export const describePod: Describer<Pod> = (w, pod, ctx) => {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const meta = pod.metadata;
  w.write(LEVEL_0, `Name:\t${meta.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace}\n`);
  if (spec.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName ?? ''}\n`);
  w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp) {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${formatAge(ctx.now - Date.parse(meta.deletionTimestamp))})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? 'Pending'}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message.trim()}\n`);
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips = status.podIPs ?? [];
  if (!ips.length) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const owner = controlledBy(pod);
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const resolve = fieldResolver(pod);
  if (spec.initContainers?.length) writeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses, '', resolve);
  writeContainers(w, 'Containers', spec.containers, status.containerStatuses, '', resolve);
  if (spec.readinessGates?.length) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = status.conditions?.find((x) => x.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${c?.status ?? '<none>'} \n`);
    }
  }
  if (status.conditions?.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, spec.volumes, '');
  const qos = status.qosClass ?? qosClass(pod);
  if (qos) w.write(LEVEL_0, `QoS Class:\t${qos}\n`);
  writeLabels(w, 'Node-Selectors', spec.nodeSelector);
  writeTolerations(w, 'Tolerations', spec.tolerations);
};

/** The values the kubelet would put in `valueFrom.fieldRef` variables (the downward API). */
function fieldResolver(pod: Pod): FieldResolver {
  return (path) => podFieldValue(pod, path);
}
