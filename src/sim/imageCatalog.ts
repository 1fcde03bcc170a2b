// What kubesim knows about well-known images: their compressed size (what "Image size" reports and
// what a pull takes), what they do when started without a command, which ports they listen on and
// how long they take before they answer. Unknown images get a size derived from their name.
import type { ImageRef } from './imageRef.js';

/** How an image behaves when its default entrypoint runs. */
export type ImageFlavor =
  | 'nginx'
  | 'httpd'
  | 'php-apache'
  | 'redis'
  | 'mysql'
  | 'postgres'
  | 'mongo'
  | 'tomcat'
  | 'hello-app'
  | 'echoserver'
  | 'agnhost'
  | 'pause'
  /** A base OS image whose default command is an interactive shell: exits 0 at once without a terminal. */
  | 'shell'
  /** A language image whose default command is a REPL: also exits at once without a terminal. */
  | 'runtime'
  /** Anything else: an application that serves until stopped. */
  | 'app';

export interface ImageInfo {
  flavor: ImageFlavor;
  sizeBytes: number;
  /** Ports the default program listens on (probes to other ports are refused). Undefined: unknown, any port answers. */
  ports?: number[];
  /** How long after start the program accepts connections. */
  warmupMs: number;
  /** Version printed in start-up lines when the tag does not name one. */
  version?: string;
}

interface CatalogEntry extends ImageInfo {
  names: string[];
}

const MB = 1_000_000;

const CATALOG: CatalogEntry[] = [
  { names: ['nginx', 'nginxinc/nginx-unprivileged'], flavor: 'nginx', sizeBytes: 72_188_133, ports: [80], warmupMs: 0, version: '1.27.3' },
  { names: ['httpd'], flavor: 'httpd', sizeBytes: 58_115_434, ports: [80], warmupMs: 0, version: '2.4.62' },
  { names: ['hpa-example', 'php', 'php-apache'], flavor: 'php-apache', sizeBytes: 139_012_475, ports: [80], warmupMs: 0, version: '7.4.33' },
  { names: ['redis', 'redis/redis-stack-server', 'bitnami/redis'], flavor: 'redis', sizeBytes: 45_108_920, ports: [6379], warmupMs: 0, version: '7.4.1' },
  { names: ['mysql', 'mariadb', 'bitnami/mysql'], flavor: 'mysql', sizeBytes: 171_962_042, ports: [3306, 33060], warmupMs: 8000, version: '8.4.3' },
  { names: ['postgres', 'bitnami/postgresql'], flavor: 'postgres', sizeBytes: 153_904_180, ports: [5432], warmupMs: 3000, version: '17.2' },
  { names: ['mongo'], flavor: 'mongo', sizeBytes: 284_322_520, ports: [27017], warmupMs: 2000, version: '8.0.3' },
  { names: ['tomcat', 'tomcat-app'], flavor: 'tomcat', sizeBytes: 196_412_330, ports: [8080], warmupMs: 4000, version: '10.1.33' },
  { names: ['hello-app'], flavor: 'hello-app', sizeBytes: 10_362_144, ports: [8080], warmupMs: 0, version: '1.0' },
  { names: ['echoserver'], flavor: 'echoserver', sizeBytes: 46_209_152, ports: [8080, 8443], warmupMs: 0 },
  { names: ['agnhost'], flavor: 'agnhost', sizeBytes: 51_187_920, warmupMs: 0, version: '2.53' },
  { names: ['pause'], flavor: 'pause', sizeBytes: 320_368, ports: [], warmupMs: 0, version: '3.10' },
  { names: ['busybox'], flavor: 'shell', sizeBytes: 2_158_276, warmupMs: 0, version: '1.37.0' },
  { names: ['alpine'], flavor: 'shell', sizeBytes: 3_642_784, warmupMs: 0, version: '3.21.0' },
  { names: ['ubuntu'], flavor: 'shell', sizeBytes: 29_752_132, warmupMs: 0 },
  { names: ['debian'], flavor: 'shell', sizeBytes: 48_494_272, warmupMs: 0 },
  { names: ['centos', 'rockylinux', 'almalinux', 'fedora', 'amazonlinux'], flavor: 'shell', sizeBytes: 71_632_240, warmupMs: 0 },
  { names: ['curl', 'curlimages/curl'], flavor: 'shell', sizeBytes: 10_190_624, warmupMs: 0 },
  { names: ['perl'], flavor: 'runtime', sizeBytes: 342_318_516, warmupMs: 0, version: '5.40.0' },
  { names: ['python'], flavor: 'runtime', sizeBytes: 384_506_224, warmupMs: 0, version: '3.13.1' },
  { names: ['node'], flavor: 'runtime', sizeBytes: 399_736_508, warmupMs: 0, version: '22.12.0' },
  { names: ['ruby'], flavor: 'runtime', sizeBytes: 354_012_774, warmupMs: 0 },
  { names: ['golang'], flavor: 'runtime', sizeBytes: 289_618_232, warmupMs: 0 },
  { names: ['openjdk', 'eclipse-temurin'], flavor: 'runtime', sizeBytes: 198_340_112, warmupMs: 0 },
  { names: ['memcached'], flavor: 'app', sizeBytes: 32_518_004, ports: [11211], warmupMs: 0 },
  { names: ['rabbitmq'], flavor: 'app', sizeBytes: 98_227_318, ports: [5672, 15672], warmupMs: 6000 },
  { names: ['elasticsearch', 'elasticsearch/elasticsearch'], flavor: 'app', sizeBytes: 663_914_450, ports: [9200, 9300], warmupMs: 20000 },
  { names: ['grafana', 'grafana/grafana'], flavor: 'app', sizeBytes: 143_227_508, ports: [3000], warmupMs: 2000 },
  { names: ['prometheus', 'prom/prometheus'], flavor: 'app', sizeBytes: 108_602_910, ports: [9090], warmupMs: 1000 },
  { names: ['traefik'], flavor: 'app', sizeBytes: 48_511_210, ports: [80, 8080], warmupMs: 0 },
  { names: ['haproxy'], flavor: 'app', sizeBytes: 40_012_836, warmupMs: 0 },
  { names: ['coredns', 'coredns/coredns'], flavor: 'app', sizeBytes: 18_562_039, ports: [53, 8080, 8181, 9153], warmupMs: 0 },
  { names: ['etcd'], flavor: 'app', sizeBytes: 57_680_541, ports: [2379, 2380], warmupMs: 0 },
  { names: ['wordpress'], flavor: 'php-apache', sizeBytes: 254_816_290, ports: [80], warmupMs: 1000 },
  { names: ['guestbook', 'gb-frontend'], flavor: 'php-apache', sizeBytes: 148_320_511, ports: [80], warmupMs: 0 },
];

const byName = new Map<string, CatalogEntry>();
for (const entry of CATALOG) for (const name of entry.names) byName.set(name, entry);

/** The PHP images that are servers (`php:8-apache`) rather than the CLI REPL (`php:8`). */
function phpIsServer(ref: ImageRef): boolean {
  return ref.shortName !== 'php' || /apache|fpm/.test(ref.tag ?? '');
}

export function imageInfo(ref: ImageRef): ImageInfo {
  const docker = ref.domain === 'docker.io' ? ref.path.replace(/^library\//, '') : undefined;
  const entry = (docker !== undefined ? byName.get(docker) : undefined) ?? byName.get(ref.shortName);
  if (entry) {
    if (entry.names[0] === 'hpa-example' && ref.shortName === 'php' && !phpIsServer(ref)) {
      return { flavor: 'runtime', sizeBytes: 190_310_912, warmupMs: 0 };
    }
    return { flavor: entry.flavor, sizeBytes: entry.sizeBytes, ports: entry.ports, warmupMs: entry.warmupMs, version: entry.version };
  }
  // An unknown application image: 20–250 MB, the same for the same name.
  const h = hashString(ref.repository);
  return { flavor: 'app', sizeBytes: 20 * MB + (h % (230 * MB)), warmupMs: 0 };
}

/**
 * How long pulling takes: a registry round trip plus the layers at ~35 MB/s, ±15 % by name. Unknown
 * images land between 1 and 8 s; the big language images take longer.
 */
export function pullDurationMs(ref: ImageRef, info: ImageInfo): number {
  const base = 600 + (info.sizeBytes / (35 * MB)) * 1000;
  const jitter = 0.85 + ((hashString(`pull:${ref.normalized}`) % 3001) / 10_000);
  const ms = Math.round(base * jitter);
  return info.flavor === 'app' && !byName.has(ref.shortName) ? Math.min(8000, Math.max(1000, ms)) : Math.max(300, ms);
}

/** A pull that finds every layer already present only checks the manifest. */
export function manifestCheckMs(ref: ImageRef): number {
  return 250 + (hashString(`manifest:${ref.normalized}`) % 650);
}

/** How long a pull that fails takes before the registry says no. */
export function failedPullMs(ref: ImageRef): number {
  return 400 + (hashString(`fail:${ref.normalized}`) % 1200);
}

/** `sha256:<64 hex>` derived from the image name, stable across runs. */
export function imageDigest(ref: ImageRef): string {
  if (ref.digest) return ref.digest;
  return `sha256:${hexOf(`digest:${ref.normalized}`, 64)}`;
}

const imageIds = new Map<string, string>();

/** `docker.io/library/nginx@sha256:...`, what `status.containerStatuses[].imageID` shows. */
export function imageId(ref: ImageRef): string {
  let id = imageIds.get(ref.normalized);
  if (id === undefined) {
    id = `${ref.repository}@${imageDigest(ref)}`;
    if (imageIds.size > 4096) imageIds.clear();
    imageIds.set(ref.normalized, id);
  }
  return id;
}

/** FNV-1a 32-bit. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Hex digits derived from text (its hash spread by mulberry32), for IDs that must look random but repeat. */
export function hexOf(text: string, length: number): string {
  let state = hashString(text);
  let out = '';
  while (out.length < length) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
