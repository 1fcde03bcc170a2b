// Container image references as containerd reads them (the docker/distribution grammar):
// `nginx` → `docker.io/library/nginx:latest`, `registry.k8s.io/pause:3.10`, `repo@sha256:...`.
// Also decides, from the name alone, whether a simulated registry would serve the image.

export interface ImageRef {
  /** What the manifest wrote. */
  raw: string;
  /** `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  domain: string;
  /** `library/nginx`, `google-samples/hello-app`. */
  path: string;
  tag?: string;
  digest?: string;
  /** Fully qualified: `docker.io/library/nginx:1.27` (or `...@sha256:...`). */
  normalized: string;
  /** `docker.io/library/nginx` without tag or digest. */
  repository: string;
  /** The last path element, what people call the image: `nginx`, `hello-app`. */
  shortName: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$|^\[[a-fA-F0-9:]+\](?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME = 255;

const parsed = new Map<string, ImageRef | { error: string }>();

/**
 * Parses like reference.ParseNormalizedNamed. Returns the error text the kubelet wraps in
 * `couldn't parse image name "X": <error>` when the reference is not valid. Results are shared
 * (a cluster uses few distinct images): treat them as read-only.
 */
export function parseImageRef(raw: string): ImageRef | { error: string } {
  let r = parsed.get(raw);
  if (r === undefined) {
    r = Object.freeze(parseUncached(raw));
    if (parsed.size > 4096) parsed.clear();
    parsed.set(raw, r);
  }
  return r;
}

function parseUncached(raw: string): ImageRef | { error: string } {
  if (!raw || raw !== raw.trim()) return { error: 'invalid reference format' };
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { error: 'invalid reference format' };
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { error: 'invalid reference format' };
  }
  let domain = 'docker.io';
  let path = rest;
  const firstSlash = rest.indexOf('/');
  if (firstSlash >= 0) {
    const head = rest.slice(0, firstSlash);
    if (head.includes('.') || head.includes(':') || head === 'localhost' || head.toLowerCase() !== head) {
      domain = head;
      path = rest.slice(firstSlash + 1);
    }
  }
  if (!DOMAIN.test(domain)) return { error: 'invalid reference format' };
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (path.toLowerCase() !== path) return { error: `invalid reference format: repository name (${path}) must be lowercase` };
  if (!path || !path.split('/').every((c) => COMPONENT.test(c))) return { error: 'invalid reference format' };
  const repository = `${domain}/${path}`;
  if (repository.length > MAX_NAME) return { error: 'invalid reference format: repository name must not be more than 255 characters' };
  if (!tag && !digest) tag = 'latest';
  const normalized = repository + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  return { raw, domain, path, tag, digest, normalized, repository, shortName: path.slice(path.lastIndexOf('/') + 1) };
}

export function isImageRef(value: ImageRef | { error: string }): value is ImageRef {
  return !('error' in value);
}

/** Words that make an image name look made up, the way tutorials spell a broken image. */
const MISSING_MARKERS = /doesnotexist|does-not-exist|nonexistent|non-existent|notexist|not-exist|notfound|not-found|invalid|missing-image|no-such/;
const UNREACHABLE_DOMAIN = /\.(invalid|example|test|localdomain)(:\d+)?$|^unreachable\b|(^|\.)example\.(com|org|net)(:\d+)?$/;

export type PullFailure =
  /** The registry host does not resolve. */
  | 'unresolvable-host'
  /** The repository does not exist (or needs credentials). */
  | 'repository-not-found'
  /** The repository exists, the tag does not. */
  | 'tag-not-found';

/** Why a simulated registry would refuse this image, or undefined when it serves it. */
export function pullFailureOf(ref: ImageRef): PullFailure | undefined {
  if (UNREACHABLE_DOMAIN.test(ref.domain)) return 'unresolvable-host';
  if (MISSING_MARKERS.test(ref.path)) return 'repository-not-found';
  if (ref.tag && MISSING_MARKERS.test(ref.tag)) return 'tag-not-found';
  return undefined;
}

/**
 * containerd's error for a failed pull, as the kubelet prints it after `Failed to pull image "x": `.
 * (The `rpc error: code = ... desc = ...` wrapper is how the CRI error reaches the kubelet.)
 */
export function pullErrorMessage(ref: ImageRef, failure: PullFailure): string {
  const name = ref.normalized;
  const prefix = `failed to pull and unpack image "${name}": failed to resolve reference "${name}"`;
  switch (failure) {
    case 'unresolvable-host': {
      const host = ref.domain.replace(/:\d+$/, '');
      const url = `https://${ref.domain}/v2/${ref.path}/manifests/${ref.digest ?? ref.tag ?? 'latest'}`;
      return `rpc error: code = Unknown desc = ${prefix}: failed to do request: Head "${url}": dial tcp: lookup ${host}: no such host`;
    }
    case 'repository-not-found':
      return `rpc error: code = Unknown desc = ${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    case 'tag-not-found':
      return `rpc error: code = NotFound desc = ${prefix}: ${name}: not found`;
  }
}
