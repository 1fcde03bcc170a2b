// SetDefaults_PodSpec and SetDefaults_Pod. Templates get only the PodSpec defaults; the Pod-only
// ones (requests from limits, enableServiceLinks) materialise when a pod is created from them.
import { tryParseQuantity } from '../quantity.js';
import { defaultContainer, defaultFieldRef } from './container.js';

type Obj = Record<string, any>;

const volumeSources = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

// 0644, the mode files from secrets, config maps and the downward API get.
const defaultFileMode = 0o644;

function defaultVolume(vol: Obj): void {
  // A volume with no source is an emptyDir.
  if (!volumeSources.some((k) => vol[k] !== undefined && vol[k] !== null)) vol.emptyDir = {};
  if (vol.secret) vol.secret.defaultMode ??= defaultFileMode;
  if (vol.configMap) vol.configMap.defaultMode ??= defaultFileMode;
  if (vol.hostPath) vol.hostPath.type ??= '';
  if (vol.downwardAPI) {
    vol.downwardAPI.defaultMode ??= defaultFileMode;
    for (const item of vol.downwardAPI.items ?? []) defaultFieldRef(item.fieldRef);
  }
  if (vol.projected) {
    vol.projected.defaultMode ??= defaultFileMode;
    for (const source of vol.projected.sources ?? []) {
      if (source.serviceAccountToken) source.serviceAccountToken.expirationSeconds ??= 3600;
      for (const item of source.downwardAPI?.items ?? []) defaultFieldRef(item.fieldRef);
    }
  }
}

function defaultHostNetworkPorts(containers: Obj[] | undefined): void {
  for (const c of containers ?? []) for (const port of c.ports ?? []) if (!port.hostPort) port.hostPort = port.containerPort;
}

export interface PodSpecDefaultOptions {
  /** Jobs must choose OnFailure or Never themselves; their templates are not given Always. */
  skipRestartPolicy?: boolean;
}

export function defaultPodSpec(spec: Obj, opts: PodSpecDefaultOptions = {}): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  if (!opts.skipRestartPolicy) spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

export function defaultPodTemplate(template: Obj | undefined, opts: PodSpecDefaultOptions = {}): void {
  if (!template) return;
  template.spec ??= {};
  defaultPodSpec(template.spec, opts);
}

/** A container that sets only limits requests exactly that much. */
function defaultRequestsFromLimits(c: Obj): void {
  const limits = c.resources?.limits;
  if (!limits) return;
  const requests = (c.resources.requests ??= {});
  // A malformed limit is reported once, where it was written, not again as a copied request.
  for (const [name, value] of Object.entries(limits)) if (!(name in requests) && tryParseQuantity(value as string)) requests[name] = value;
}

export function defaultPod(pod: Obj): void {
  const spec = (pod.spec ??= {});
  defaultPodSpec(spec);
  for (const c of spec.containers ?? []) defaultRequestsFromLimits(c);
  for (const c of spec.initContainers ?? []) defaultRequestsFromLimits(c);
  spec.enableServiceLinks ??= true;
  // Only pods, not templates, since v1.28 (DefaultHostNetworkHostPortsInPodTemplates is off).
  if (spec.hostNetwork) {
    defaultHostNetworkPorts(spec.containers);
    defaultHostNetworkPorts(spec.initContainers);
  }
}
