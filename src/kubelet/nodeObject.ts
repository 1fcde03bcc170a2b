// The Node object a kubelet registers for a machine: the labels, addresses, capacity, conditions and
// system info a real kubelet (v1.33, containerd, Ubuntu) reports, derived from a NodeSpec.
// Everything that varies between machines (IDs, IPs, pod CIDR) is derived from the node's name, so
// the same cluster description always builds the same objects.
import { formatBytes, parseQuantity, value } from '../api/quantity.js';
import type { Node } from '../api/types.js';
import type { NodeSpec } from '../sim/nodeSpec.js';

export const KUBELET_VERSION = 'v1.33.1';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.27';
export const OS_IMAGE = 'Ubuntu 24.04.2 LTS';
export const KERNEL_VERSION = '6.8.0-60-generic';
export const KUBELET_PORT = 10250;
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

/** Kubelet default `evictionHard: memory.available<100Mi`: what allocatable memory leaves out. */
const MEMORY_EVICTION_THRESHOLD = 100 * 1024 * 1024;
/** The node's root filesystem; `nodefs.available<10%` keeps a tenth of it out of allocatable. */
const EPHEMERAL_STORAGE_BYTES = 100 * 1024 ** 3;
const NODEFS_EVICTION_FRACTION = 0.1;

export function buildNodeObject(spec: NodeSpec, now: string): Node {
  const position = nodePosition(spec.name);
  const memoryBytes = value(parseQuantity(spec.memory));
  const capacity: Record<string, string> = {
    cpu: spec.cpu,
    'ephemeral-storage': formatBytes(EPHEMERAL_STORAGE_BYTES),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: formatBytes(memoryBytes),
    pods: String(spec.pods),
  };
  const allocatable: Record<string, string> = {
    ...capacity,
    'ephemeral-storage': formatBytes(Math.floor(EPHEMERAL_STORAGE_BYTES * (1 - NODEFS_EVICTION_FRACTION))),
    memory: formatBytes(Math.max(0, memoryBytes - MEMORY_EVICTION_THRESHOLD)),
  };
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
    ...spec.labels,
  };
  // Role labels carry no value, whatever a scenario wrote for them.
  if (CONTROL_PLANE_LABEL in labels) labels[CONTROL_PLANE_LABEL] = '';
  const cidr = podCidr(position);
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: cidr,
      podCIDRs: [cidr],
      ...(spec.taints.length ? { taints: spec.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity,
      allocatable,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', now),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', now),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now),
      ],
      addresses: [
        { type: 'InternalIP', address: internalIp(position) },
        { type: 'Hostname', address: spec.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      nodeInfo: {
        machineID: hexFromName(spec.name, 'machine-id', 32),
        systemUUID: uuidFromName(spec.name, 'system-uuid'),
        bootID: uuidFromName(spec.name, 'boot-id'),
        kernelVersion: KERNEL_VERSION,
        osImage: OS_IMAGE,
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kubeletVersion: KUBELET_VERSION,
        // Deprecated (KEP-4004) but still reported by the kubelet of this version.
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [],
    },
  };
  return node;
}

function condition(type: string, status: string, reason: string, message: string, now: string) {
  return { type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message };
}

/**
 * The node's 0-based position: `node-3` (or `kind-worker3`) is the third machine. A name without a
 * number gets a stable slot from its hash, above the range numbered workers use first.
 */
export function nodePosition(name: string): number {
  const match = /(\d+)$/.exec(name);
  if (match) return Math.max(0, Number(match[1]) - 1);
  return 1000 + (fnv1a(name) % 1000);
}

/**
 * 10.244.<position>.0/24, as a /24 per node from the 10.244.0.0/16 cluster CIDR. Past 256 nodes that
 * range is full (a real controller would report CIDRNotAvailable); the simulator keeps going in the
 * neighbouring /16s (10.245…10.255, then 10.1 onwards) so large clusters still get distinct ranges,
 * skipping 10.0 where the service CIDR lives.
 */
export function podCidr(position: number): string {
  const block = Math.floor(position / 256);
  const second = block < 12 ? 244 + block : 1 + ((block - 12) % 243);
  return `10.${second}.${position % 256}.0/24`;
}

/** 192.168.49.2 for the first node (minikube's docker network), counting up, 253 hosts per /24. */
export function internalIp(position: number): string {
  const third = 49 + Math.floor(position / 253);
  return `192.168.${third % 256}.${(position % 253) + 2}`;
}

/** FNV-1a, 32 bits: a small stable hash so IDs derive from names without randomness. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function hexFromName(name: string, salt: string, length: number): string {
  let out = '';
  for (let block = 0; out.length < length; block++) out += fnv1a(`${salt}:${name}:${block}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

function uuidFromName(name: string, salt: string): string {
  const h = hexFromName(name, salt, 32);
  // Shaped like a version-4 UUID so tools that parse it are happy.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
