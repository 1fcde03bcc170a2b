// The address and port ranges Services are allocated from, and IPv4 text ↔ number.
//
// ClusterIPs come from kubeadm's default `--service-cluster-ip-range` 10.96.0.0/12 (the bare
// kube-apiserver default is 10.0.0.0/24; kubeadm clusters, which learners meet, use 10.96.0.0/12).
// NodePorts come from `--service-node-port-range` 30000-32767.
//
// Both ranges keep a lower band for addresses a user picks by hand (ServiceIPStaticSubrange): the
// apiserver hands out dynamic values from above it first, so a hand-picked 10.96.0.10 for DNS rarely
// collides. kubesim allocates the lowest free value of the upper band, which is deterministic.

export interface NumberRange {
  /** Text shown in "not in the valid range" messages. */
  text: string;
  /** First and last allocatable value, inclusive. */
  first: number;
  last: number;
  /** Dynamic allocation starts here; [first, dynamicStart) is the static band. */
  dynamicStart: number;
}

export function parseIPv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p, i) => p > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A CIDR without its network and broadcast addresses, with the static band of min(max(16, size/16), 256). */
export function cidrRange(cidr: string): NumberRange {
  const [addr, bits] = cidr.split('/');
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  const network = parseIPv4(addr)! - (parseIPv4(addr)! % size);
  const first = network + 1;
  const last = network + size - 2;
  const band = size <= 16 ? 0 : Math.min(Math.max(16, Math.floor(size / 16)), 256);
  return { text: cidr, first, last, dynamicStart: first + band };
}

/** A port range with the static band of min(max(16, size/32), 128). */
export function portRange(from: number, to: number): NumberRange {
  const size = to - from + 1;
  const band = size <= 16 ? 0 : Math.min(Math.max(16, Math.floor(size / 32)), 128);
  return { text: `${from}-${to}`, first: from, last: to, dynamicStart: from + band };
}

export const SERVICE_CIDR = '10.96.0.0/12';
export const SERVICE_IP_RANGE: NumberRange = cidrRange(SERVICE_CIDR);
export const NODE_PORT_RANGE: NumberRange = portRange(30000, 32767);

export function inRange(range: NumberRange, n: number): boolean {
  return n >= range.first && n <= range.last;
}
