// Service, Endpoints and EndpointSlice defaults. Cluster IPs and node ports are allocated by the
// store's admission chain, not here.

type Obj = Record<string, any>;

export function defaultService(obj: Obj): void {
  const spec = (obj.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const clientIP = ((spec.sessionAffinityConfig ??= {}).clientIP ??= {});
    clientIP.timeoutSeconds ??= 10800;
  }
  spec.type ||= 'ClusterIP';
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  const externallyAccessible = spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (spec.type === 'ClusterIP' && spec.externalIPs?.length > 0);
  if (externallyAccessible) spec.externalTrafficPolicy ||= 'Cluster';
  if (['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.type !== 'ExternalName') {
    // The registry keeps clusterIP and clusterIPs in step; `clusterIP: None` is headless.
    if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
    spec.ipFamilyPolicy ??= 'SingleStack';
    if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  }
}

export function defaultEndpoints(obj: Obj): void {
  for (const subset of obj.subsets ?? []) for (const port of subset.ports ?? []) port.protocol ||= 'TCP';
}

export function defaultEndpointSlice(obj: Obj): void {
  for (const port of obj.ports ?? []) {
    port.name ??= '';
    port.protocol ||= 'TCP';
  }
}
