// How pods find Services: cluster DNS names (`web.default.svc.cluster.local`), pod DNS names, the
// resolv.conf a ClusterFirst pod gets, what a name resolves to, and the docker-link-style
// environment variables the kubelet injects (pkg/kubelet/envvars): WEB_SERVICE_HOST,
// WEB_SERVICE_PORT, WEB_PORT_80_TCP_ADDR, ...
import type { Endpoints, Pod, Service } from '../api/types.js';
import type { Store } from '../store/store.js';

export const CLUSTER_DOMAIN = 'cluster.local';

/** `web.default.svc.cluster.local` */
export function serviceDnsName(name: string, namespace: string, domain = CLUSTER_DOMAIN): string {
  return `${name}.${namespace}.svc.${domain}`;
}

/** `_http._tcp.web.default.svc.cluster.local` for each named port (SRV records). */
export function serviceSrvNames(svc: Service, domain = CLUSTER_DOMAIN): string[] {
  const base = serviceDnsName(svc.metadata.name!, svc.metadata.namespace ?? 'default', domain);
  return (svc.spec?.ports ?? []).filter((p) => p.name).map((p) => `_${p.name}._${(p.protocol ?? 'TCP').toLowerCase()}.${base}`);
}

/** `10-244-1-5.default.pod.cluster.local`, or undefined before the pod has an IP. */
export function podDnsName(pod: Pod, domain = CLUSTER_DOMAIN): string | undefined {
  const ip = pod.status?.podIP;
  if (!ip) return undefined;
  return `${ip.replace(/[.:]/g, '-')}.${pod.metadata.namespace ?? 'default'}.pod.${domain}`;
}

/** `web-0.nginx.default.svc.cluster.local` for a pod with hostname and subdomain (StatefulSet pods). */
export function podHostnameDnsName(pod: Pod, domain = CLUSTER_DOMAIN): string | undefined {
  const { hostname, subdomain } = pod.spec ?? {};
  if (!hostname || !subdomain) return undefined;
  return `${hostname}.${subdomain}.${pod.metadata.namespace ?? 'default'}.svc.${domain}`;
}

/** The /etc/resolv.conf lines of a pod, by its dnsPolicy (ClusterFirst by default). */
export function resolvConf(pod: Pod, nameserver: string, domain = CLUSTER_DOMAIN): string[] {
  let policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  // A host-network pod with plain ClusterFirst uses the node's DNS (ClusterFirstWithHostNet opts in).
  if (policy === 'ClusterFirst' && pod.spec?.hostNetwork) policy = 'Default';
  const ns = pod.metadata.namespace ?? 'default';
  const custom = pod.spec?.dnsConfig;
  // The node's own resolv.conf, which kubesim does not model: a comment line says so.
  if (policy === 'Default') return ["# inherited from the node's /etc/resolv.conf"];
  const lines: string[] = [];
  if (policy !== 'None' || custom?.nameservers?.length) {
    const servers = policy === 'None' ? (custom?.nameservers ?? []) : [nameserver, ...(custom?.nameservers ?? [])];
    for (const s of servers) lines.push(`nameserver ${s}`);
  }
  const search = policy === 'None' ? [] : [`${ns}.svc.${domain}`, `svc.${domain}`, domain];
  search.push(...(custom?.searches ?? []));
  if (search.length) lines.push(`search ${search.join(' ')}`);
  const options = policy === 'None' ? [] : ['ndots:5'];
  for (const o of custom?.options ?? []) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : `${o.name}`;
    const at = options.findIndex((x) => x.split(':')[0] === o.name);
    if (at >= 0) options[at] = text;
    else options.push(text);
  }
  if (options.length) lines.push(`options ${options.join(' ')}`);
  return lines;
}

/** The kubelet's clusterDNS (kubeadm and kind): the kube-dns Service's fixed ClusterIP. */
export const CLUSTER_DNS_IP = '10.96.0.10';

/**
 * The files the kubelet writes into every container (pkg/kubelet/kubelet_pods.go): /etc/resolv.conf
 * by dnsPolicy, /etc/hosts with the pod's own name (its FQDN too when it has a subdomain, as
 * StatefulSet pods do) and spec.hostAliases, and /etc/hostname.
 */
export function kubeletManagedFiles(pod: Pod, podIP: string, nameserver = CLUSTER_DNS_IP, domain = CLUSTER_DOMAIN): Map<string, string> {
  const hostname = pod.spec?.hostname ?? pod.metadata.name ?? '';
  const lines = pod.spec?.hostNetwork
    ? ['# Kubernetes-managed hosts file (host network).', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback']
    : [
        '# Kubernetes-managed hosts file.',
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::0\tip6-localnet',
        'fe00::0\tip6-mcastprefix',
        'fe00::1\tip6-allnodes',
        'fe00::2\tip6-allrouters',
      ];
  if (!pod.spec?.hostNetwork && podIP) {
    const fqdn = podHostnameDnsName(pod, domain);
    lines.push(fqdn ? `${podIP}\t${fqdn}\t${hostname}` : `${podIP}\t${hostname}`);
  }
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length) {
    lines.push('', '# Entries added by HostAliases.');
    for (const a of aliases) lines.push(`${a.ip}\t${(a.hostnames ?? []).join('\t')}`);
  }
  return new Map([
    ['/etc/resolv.conf', `${resolvConf(pod, nameserver, domain).join('\n')}\n`],
    ['/etc/hosts', `${lines.join('\n')}\n`],
    ['/etc/hostname', `${hostname}\n`],
  ]);
}

export interface DnsAnswer {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'NXDOMAIN';
  /** Addresses (A/AAAA) or the canonical name (CNAME). */
  values: string[];
}

/**
 * What CoreDNS answers for a Service name asked from a namespace: `web` and `web.other` are
 * completed through the search path. ClusterIP → its IP; headless → the ready endpoints' IPs;
 * ExternalName → a CNAME.
 */
export function resolveServiceName(store: Store, query: string, fromNamespace: string, domain = CLUSTER_DOMAIN): DnsAnswer {
  const q = query.replace(/\.$/, '');
  const suffix = `.svc.${domain}`;
  let name: string;
  let namespace: string;
  if (q.endsWith(suffix)) {
    const parts = q.slice(0, -suffix.length).split('.');
    if (parts.length !== 2) return { name: q, type: 'NXDOMAIN', values: [] };
    [name, namespace] = parts;
  } else {
    const parts = q.split('.');
    if (parts.length === 1) [name, namespace] = [parts[0], fromNamespace];
    else if (parts.length === 2 || (parts.length === 3 && parts[2] === 'svc')) [name, namespace] = [parts[0], parts[1]];
    else return { name: q, type: 'NXDOMAIN', values: [] };
  }
  const fqdn = serviceDnsName(name, namespace, domain);
  const svc = store.get<Service>('Service', namespace, name);
  if (!svc) return { name: fqdn, type: 'NXDOMAIN', values: [] };
  if (svc.spec?.type === 'ExternalName') return { name: fqdn, type: 'CNAME', values: [svc.spec.externalName ?? ''] };
  const clusterIP = svc.spec?.clusterIP;
  if (clusterIP && clusterIP !== 'None') return { name: fqdn, type: clusterIP.includes(':') ? 'AAAA' : 'A', values: [clusterIP] };
  const ep = store.get<Endpoints>('Endpoints', namespace, name);
  const ips = [...new Set((ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)))].sort();
  return { name: fqdn, type: ips.some((ip) => ip.includes(':')) ? 'AAAA' : 'A', values: ips };
}

// ---- environment variables ----------------------------------------------------------------------

export interface EnvVar {
  name: string;
  value: string;
}

/** makeEnvVariableName: `redis-primary` → `REDIS_PRIMARY`. */
export function envName(text: string): string {
  return text.replace(/-/g, '_').toUpperCase();
}

/** IsServiceIPSet: a real ClusterIP (not headless, not ExternalName). */
function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** FromServices for one Service: host, ports and the docker-link variables. */
export function serviceEnvVars(svc: Service): EnvVar[] {
  const ports = svc.spec?.ports ?? [];
  if (!hasClusterIP(svc) || !ports.length) return [];
  const ip = svc.spec!.clusterIP!;
  const prefix = envName(svc.metadata.name!);
  const out: EnvVar[] = [
    { name: `${prefix}_SERVICE_HOST`, value: ip },
    { name: `${prefix}_SERVICE_PORT`, value: String(ports[0].port) },
  ];
  for (const p of ports) if (p.name) out.push({ name: `${prefix}_SERVICE_PORT_${envName(p.name)}`, value: String(p.port) });
  ports.forEach((p, i) => {
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    const url = `${proto}://${hostPort(ip, p.port)}`;
    if (i === 0) out.push({ name: `${prefix}_PORT`, value: url });
    const portPrefix = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push(
      { name: portPrefix, value: url },
      { name: `${portPrefix}_PROTO`, value: proto },
      { name: `${portPrefix}_PORT`, value: String(p.port) },
      { name: `${portPrefix}_ADDR`, value: ip },
    );
  });
  return out;
}

/**
 * getServiceEnvVarMap: the variables for every Service in the pod's namespace (when
 * enableServiceLinks, the default) plus always `kubernetes` from `default`; a Service of the pod's
 * own namespace with the same name wins. Only Services that exist now are included, so call this
 * when the container starts. Services are taken in name order; variables the container sets
 * itself win (the caller merges).
 */
export function serviceEnvironment(store: Store, pod: Pod): EnvVar[] {
  const ns = pod.metadata.namespace ?? 'default';
  const chosen = new Map<string, Service>();
  const master = store.get<Service>('Service', 'default', 'kubernetes');
  if (master && hasClusterIP(master)) chosen.set('kubernetes', master);
  if (pod.spec?.enableServiceLinks !== false) {
    for (const svc of store.list<Service>('Service', { namespace: ns })) {
      if (!hasClusterIP(svc)) continue;
      // In `default` the kubernetes Service is already there; elsewhere a namesake replaces it.
      chosen.set(svc.metadata.name!, svc);
    }
  }
  const out: EnvVar[] = [];
  for (const name of [...chosen.keys()].sort()) out.push(...serviceEnvVars(chosen.get(name)!));
  return out;
}
