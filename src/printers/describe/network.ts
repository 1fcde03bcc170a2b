// `kubectl describe service` (describeService): type, IPs, each port with its target port, node
// port and endpoints, and session affinity.
import type { Endpoints, Service } from '../../api/types.js';
import type { Describer } from './context.js';
import { writeAnnotations, writeLabels } from './fields.js';
import { LEVEL_0 } from './prefixWriter.js';

type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

/** `10.244.1.5:80,10.244.2.7:80 + 3 more...` for one port of the service (formatEndpoints). */
export function endpointsForPort(ep: Endpoints | undefined, port: ServicePort | undefined): string {
  if (!ep?.subsets?.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let count = 0;
  const add = (text: string) => {
    if (list.length < max) list.push(text);
    count++;
  };
  for (const ss of ep.subsets) {
    if (!ss.ports?.length) {
      for (const a of ss.addresses ?? []) add(a.ip);
      continue;
    }
    for (const p of ss.ports) {
      if (port && (p.name ?? '') !== (port.name ?? '')) continue;
      for (const a of ss.addresses ?? []) add(`${a.ip.includes(':') ? `[${a.ip}]` : a.ip}:${p.port}`);
    }
  }
  const text = list.join(',');
  return count > max ? `${text} + ${count - max} more...` : text;
}

export const describeService: Describer<Service> = (w, svc, ctx) => {
  const spec = svc.spec ?? {};
  w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace}\n`);
  writeLabels(w, 'Labels', svc.metadata.labels);
  writeAnnotations(w, 'Annotations', svc.metadata.annotations);
  const selector = Object.entries(spec.selector ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  w.write(LEVEL_0, `Selector:\t${selector || '<none>'}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? 'ClusterIP'}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `IP:\t${spec.loadBalancerIP}\n`);
  if (spec.type === 'ExternalName') w.write(LEVEL_0, `External Name:\t${spec.externalName ?? ''}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname).join(', ')}\n`);
  const ep = ctx.store.get<Endpoints>('Endpoints', svc.metadata.namespace, svc.metadata.name!);
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    const protocol = p.protocol ?? 'TCP';
    w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${p.targetPort ?? p.port}/${protocol}\n`);
    if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${endpointsForPort(ep, p)}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
};
