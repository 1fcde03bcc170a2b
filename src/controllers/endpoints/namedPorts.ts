// targetPort resolution (podutil.FindPort): a number is used as is, a name is looked up among the
// pod's container ports with the same protocol. Different pods may map one name to different
// numbers; a pod without the name is left out of that port.
import type { Pod, core } from '../../api/types.js';

type ServicePort = core.ServicePort;

/** The container port a Service port sends traffic to on this pod, or undefined when the pod has none. */
export function resolveTargetPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  // Validation rejects all-digit port names; a manifest that still says "8080" means the number.
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  // Regular containers, then restartable init containers (sidecars), which also serve traffic.
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => (c as { restartPolicy?: string }).restartPolicy === 'Always');
  for (const container of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** `80→8080/TCP` or `http→web/TCP`: a Service port as decisions name it. */
export function servicePortText(port: ServicePort): string {
  const name = port.name ? `${port.name} ` : '';
  return `${name}${port.port}→${port.targetPort ?? port.port}/${port.protocol ?? 'TCP'}`;
}
