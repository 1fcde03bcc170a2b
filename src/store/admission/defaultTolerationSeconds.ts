// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every new pod tolerates a
// not-ready or unreachable node for 300 s before the taint-eviction controller removes it, unless it
// already says how long it tolerates them.
import type { AdmissionPlugin } from '../admission.js';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
/** --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** An empty key or effect is a wildcard, so `{operator: Exists}` already tolerates both taints. */
function tolerates(tolerations: Toleration[], key: string): boolean {
  return tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
}

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  mutate({ operation, object: pod }) {
    if (operation !== 'CREATE' || pod.kind !== 'Pod') return;
    const spec = (pod.spec ??= {});
    const tolerations: Toleration[] = [...(spec.tolerations ?? [])];
    for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
      if (!tolerates(tolerations, key)) {
        tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
      }
    }
    spec.tolerations = tolerations;
  },
};
