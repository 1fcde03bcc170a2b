// SetDefaults_Container, _Probe, _HTTPGetAction and friends (pkg/apis/core/v1/defaults.go).

type Obj = Record<string, any>;

/**
 * The tag Kubernetes sees in an image reference (ParseImageName): the text after the last `:` of the
 * final path component; `latest` when there is neither tag nor digest; nothing when unparseable.
 */
export function imageTag(image: string): string | undefined {
  if (!image) return undefined;
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? '' : image.slice(at + 1);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const repo = colon < 0 ? name : name.slice(0, colon);
  const tag = colon < 0 ? '' : name.slice(colon + 1);
  // Repository paths are lower case (a registry host may carry a port and upper case).
  const path = lastSlash < 0 ? repo : repo.slice(repo.indexOf('/') + 1);
  if (!repo || /[A-Z]/.test(path) || /\s/.test(image)) return undefined;
  if (at >= 0 && !/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) return undefined;
  if (!tag && !digest) return 'latest';
  return tag;
}

/** Always for `:latest` (or no tag), IfNotPresent otherwise, digests included. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHandler(h: Obj | undefined): void {
  if (!h?.httpGet) return;
  h.httpGet.path ||= '/';
  h.httpGet.scheme ||= 'HTTP';
}

export function defaultProbe(probe: Obj | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  defaultHandler(probe);
}

/** ObjectFieldSelector: `fieldRef.apiVersion` defaults to v1. */
export function defaultFieldRef(ref: Obj | undefined): void {
  if (ref) ref.apiVersion ||= 'v1';
}

export function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : '');
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  // A struct without omitempty: the apiserver always shows `resources: {}`.
  c.resources ??= {};
  for (const port of c.ports ?? []) port.protocol ||= 'TCP';
  for (const env of c.env ?? []) defaultFieldRef(env.valueFrom?.fieldRef);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}
