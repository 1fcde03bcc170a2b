// How a step names an object: `deployment/web` (kubectl's KIND/NAME, namespace default),
// `kube-system/deployment/coredns` (with a namespace), `node/node-2` (cluster-scoped). crashPod also
// takes a pod as `namespace/name` or just `name`.
import { resolveKind } from '../api/kinds.js';
import type { TargetRef } from './types.js';

export const DEFAULT_NAMESPACE = 'default';

export type TargetResult = { ok: true; target: TargetRef } | { ok: false; message: string };

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * `[namespace/]kind/name`. `kinds` limits which kinds a step accepts (Kind names); the message of a
 * refusal says what would be accepted.
 */
export function parseTarget(text: unknown, kinds?: readonly string[]): TargetResult {
  if (typeof text !== 'string' || !text.trim()) return { ok: false, message: `a target is written KIND/NAME (e.g. deployment/web), not ${JSON.stringify(text)}` };
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) {
    return { ok: false, message: `target "${text}" must be KIND/NAME or NAMESPACE/KIND/NAME (e.g. deployment/web, kube-system/deployment/coredns)` };
  }
  const [namespace, kindText, name] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  const info = resolveKind(kindText);
  if (!info) return { ok: false, message: `target "${text}": unknown kind "${kindText}"` };
  if (kinds && !kinds.includes(info.kind)) {
    return { ok: false, message: `target "${text}": this step works on ${kinds.map((k) => k.toLowerCase()).join(', ')}, not on a ${info.kind}` };
  }
  if (!NAME.test(name)) return { ok: false, message: `target "${text}": "${name}" is not a valid object name` };
  if (!info.namespaced && namespace) return { ok: false, message: `target "${text}": a ${info.kind} has no namespace` };
  return {
    ok: true,
    target: { kind: info.kind, namespace: info.namespaced ? (namespace ?? DEFAULT_NAMESPACE) : undefined, name, text: text.trim() },
  };
}

/**
 * A pod to crash: `namespace/pod`, `pod`, or a workload (`deployment/web`,
 * `default/statefulset/db`) whose first running pod crashes.
 */
export function parsePodTarget(text: unknown, workloadKinds: readonly string[]): TargetResult {
  if (typeof text !== 'string' || !text.trim()) return { ok: false, message: `crashPod names a pod (default/web-0) or a workload (deployment/web), not ${JSON.stringify(text)}` };
  const parts = text.trim().split('/');
  // Two parts are KIND/NAME when the first is a kind (`deployment/web`), else NAMESPACE/POD.
  const kindFirst = parts.length === 3 || (parts.length === 2 && resolveKind(parts[0]) !== undefined);
  if (kindFirst) return parseTarget(text, ['Pod', ...workloadKinds]);
  const [namespace, name] = parts.length === 2 ? parts : [DEFAULT_NAMESPACE, parts[0]];
  if (parts.length > 2 || !NAME.test(name) || !NAME.test(namespace)) {
    return { ok: false, message: `crashPod "${text}": write the pod as NAMESPACE/NAME (default/web-0) or a workload as KIND/NAME (deployment/web)` };
  }
  return { ok: true, target: { kind: 'Pod', namespace, name, text: text.trim() } };
}

/** `deployment/web` for messages (with the namespace when it is not default). */
export function formatTarget(target: TargetRef): string {
  const kind = target.kind.toLowerCase();
  return target.namespace && target.namespace !== DEFAULT_NAMESPACE ? `${target.namespace}/${kind}/${target.name}` : `${kind}/${target.name}`;
}
