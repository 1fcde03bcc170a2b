// Discovery: /version, the legacy documents (/api, /apis, /apis/<group>, /api/v1, /apis/<g>/<v>) and
// the aggregated document kubectl 1.26+ asks for first (one request for every group and resource).
import { KUBELET_VERSION } from '../kubelet/nodeObject.js';
import { apiGroups, resourcesOf, RESOURCES, type ResourceInfo } from './apiResources.js';

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

export function versionInfo(): Record<string, string> {
  const [major, minor] = KUBELET_VERSION.slice(1).split('.');
  return {
    major,
    minor,
    gitVersion: KUBELET_VERSION,
    gitCommit: 'kubesim',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.24.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupDocument(name: string, versions: string[]) {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

export function groupList() {
  const groups = apiGroups()
    .filter((g) => g.name !== '')
    .map((g) => groupDocument(g.name, g.versions));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function group(name: string) {
  const found = apiGroups().find((g) => g.name === name && name !== '');
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(found.name, found.versions) } : undefined;
}

function resourceEntries(r: ResourceInfo) {
  const main: Record<string, unknown> = {
    name: r.resource,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
  };
  if (r.shortNames.length) main.shortNames = r.shortNames;
  if (r.categories.length) main.categories = r.categories;
  const subs = r.subresources.map((s) => {
    const entry: Record<string, unknown> = { name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced };
    if (s.kind.group !== r.group || s.kind.version !== r.version) Object.assign(entry, { group: s.kind.group, version: s.kind.version });
    return { ...entry, kind: s.kind.kind, verbs: s.verbs };
  });
  return [main, ...subs];
}

/** APIResourceList of one group/version, or undefined when it is not served. */
export function resourceList(groupVersion: string) {
  const resources = resourcesOf(groupVersion);
  if (!resources.length) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: resources.flatMap(resourceEntries) };
}

function aggregatedResource(r: ResourceInfo) {
  const out: Record<string, unknown> = {
    resource: r.resource,
    responseKind: { group: '', version: '', kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length) out.shortNames = r.shortNames;
  if (r.categories.length) out.categories = r.categories;
  if (r.subresources.length) {
    out.subresources = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: s.kind.group === r.group && s.kind.version === r.version ? { group: '', version: '', kind: s.kind.kind } : s.kind,
      verbs: s.verbs,
    }));
  }
  return out;
}

/** APIGroupDiscoveryList for /api (core only) or /apis (every named group). */
export function aggregated(core: boolean, apiVersion: 'apidiscovery.k8s.io/v2' | 'apidiscovery.k8s.io/v2beta1') {
  const items = apiGroups()
    .filter((g) => (g.name === '') === core)
    .map((g) => ({
      metadata: { name: g.name, creationTimestamp: null },
      versions: g.versions.map((version) => ({
        version,
        resources: RESOURCES.filter((r) => r.group === g.name && r.version === version).map(aggregatedResource),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion, metadata: {}, items };
}
