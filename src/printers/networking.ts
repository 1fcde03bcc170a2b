// Services, Endpoints, EndpointSlices and Ingresses with kubectl's columns.
import type { Endpoints, EndpointSlice, Ingress, Service } from '../api/types.js';
import { num, plain, since, text } from './columns.js';
import { selectorText } from './common.js';
import { definePrinter } from './printer.js';

/** `80:30001/TCP,443/TCP` */
export function servicePorts(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function externalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return spec.externalName ?? '<none>';
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
  const ips = [...(spec.externalIPs ?? []), ...ingress];
  if (spec.type === 'LoadBalancer' && !ips.length) return '<pending>';
  return ips.length ? ips.join(',') : '<none>';
}

export const servicePrinter = definePrinter<Service>({
  kind: 'Service',
  columns: [{ name: 'NAME' }, { name: 'TYPE' }, { name: 'CLUSTER-IP' }, { name: 'EXTERNAL-IP' }, { name: 'PORT(S)' }, { name: 'AGE', time: true }, { name: 'SELECTOR', wide: true }],
  row: (s) => [
    plain(s.metadata.name!),
    plain(s.spec?.type ?? 'ClusterIP'),
    text(s.spec?.clusterIP),
    plain(externalIP(s)),
    plain(servicePorts(s)),
    since(s.metadata.creationTimestamp),
    plain(s.spec?.selector ? selectorText(s.spec.selector) : '<none>'),
  ],
  health: (s) => (s.spec?.type === 'LoadBalancer' && !s.status?.loadBalancer?.ingress?.length ? 'pending' : 'ok'),
});

/** `10.244.1.5:80,10.244.2.7:80 + 3 more...`, kubectl's endpoints cell. */
export function endpointsText(ep: Endpoints, max = 3): string {
  const all: string[] = [];
  for (const subset of ep.subsets ?? []) {
    const ports = subset.ports?.length ? subset.ports : [{ port: undefined }];
    for (const addr of subset.addresses ?? []) for (const p of ports) all.push(p.port === undefined ? addr.ip : `${addr.ip}:${p.port}`);
  }
  if (!all.length) return '<none>';
  return all.length > max ? `${all.slice(0, max).join(',')} + ${all.length - max} more...` : all.join(',');
}

export const endpointsPrinter = definePrinter<Endpoints>({
  kind: 'Endpoints',
  columns: [{ name: 'NAME' }, { name: 'ENDPOINTS' }, { name: 'AGE', time: true }],
  row: (ep) => [plain(ep.metadata.name!), plain(endpointsText(ep)), since(ep.metadata.creationTimestamp)],
  health: (ep) => ((ep.subsets ?? []).some((s) => s.addresses?.length) ? 'ok' : 'warning'),
});

export const endpointSlicePrinter = definePrinter<EndpointSlice>({
  kind: 'EndpointSlice',
  columns: [{ name: 'NAME' }, { name: 'ADDRESSTYPE' }, { name: 'PORTS' }, { name: 'ENDPOINTS' }, { name: 'AGE', time: true }],
  row(s) {
    const addrs = (s.endpoints ?? []).flatMap((e) => e.addresses);
    const ports = (s.ports ?? []).map((p) => String(p.port ?? '')).join(',');
    const shown = addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',');
    return [plain(s.metadata.name!), plain(s.addressType), text(ports), text(shown), since(s.metadata.creationTimestamp)];
  },
  health: (s) => ((s.endpoints ?? []).some((e) => e.conditions?.ready) ? 'ok' : 'warning'),
});

export const ingressPrinter = definePrinter<Ingress>({
  kind: 'Ingress',
  columns: [{ name: 'NAME' }, { name: 'CLASS' }, { name: 'HOSTS' }, { name: 'ADDRESS' }, { name: 'PORTS' }, { name: 'AGE', time: true }],
  row(ing) {
    const hosts = (ing.spec?.rules ?? []).map((r) => r.host ?? '*');
    const address = (ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').join(',');
    return [
      plain(ing.metadata.name!),
      text(ing.spec?.ingressClassName),
      plain(hosts.length ? hosts.join(',') : '*'),
      plain(address),
      plain(ing.spec?.tls?.length ? '80, 443' : '80'),
      since(ing.metadata.creationTimestamp),
    ];
  },
  health: (ing) => (ing.status?.loadBalancer?.ingress?.length ? 'ok' : 'pending'),
});

export { num };
