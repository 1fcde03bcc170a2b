// The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler), component
// `horizontal-pod-autoscaler`. Each HPA is synced every 15 s on its own timer (and at once when it
// is created or its spec changes): the target's pods are measured through the simulated
// metrics-server, the replica formula and the normalisation rules give a count, the target is scaled
// through its spec.replicas, and the status (metrics, conditions) is written when it changed.
// Recommendations and scale events live in memory per HPA, as in kube-controller-manager.
import type { Selector } from '../api/labels.js';
import { canonicalJson } from './deployment/podTemplateHash.js';
import type { HorizontalPodAutoscaler, Pod } from '../api/types.js';
import { Controller, keyFor, splitKey } from './controller.js';
import { explain } from './hpa/explain.js';
import { DOWNSCALE_STABILIZATION_SECONDS, HpaHistory } from './hpa/normalize.js';
import { DEFAULT_CALCULATOR_SETTINGS, type CalculatorSettings } from './hpa/replicaCalculator.js';
import { syncAutoscaler, type SyncEnv } from './hpa/syncAutoscaler.js';
import { isStatusOnlyChange } from './replicaset/replicaManager.js';
import { DecisionMemory } from './shared/decisionMemory.js';

/** --horizontal-pod-autoscaler-sync-period */
export const HPA_SYNC_PERIOD_MS = 15_000;

export class HorizontalPodAutoscalerController extends Controller {
  readonly name = 'horizontal-pod-autoscaler';
  protected override readonly primaryKind = 'HorizontalPodAutoscaler';
  readonly settings: CalculatorSettings = DEFAULT_CALCULATOR_SETTINGS;
  readonly downscaleWindowSeconds = DOWNSCALE_STABILIZATION_SECONDS;
  private readonly histories = new Map<string, HpaHistory>();
  /** The selector each HPA last synced with, per namespace: to detect pods claimed by two HPAs. */
  private readonly selectors = new Map<string, Map<string, Selector>>();
  private readonly said = new DecisionMemory();

  start(): void {
    const { store } = this.cp;
    store.watch({ kind: 'HorizontalPodAutoscaler' }, (ev) => {
      const key = keyFor(ev.object);
      if (ev.type === 'DELETED') {
        this.forget(key, ev.object.metadata.namespace ?? '');
        return;
      }
      if (ev.type === 'MODIFIED' && isStatusOnlyChange(ev)) return;
      this.enqueue(key);
    });
    for (const hpa of store.list('HorizontalPodAutoscaler')) this.enqueue(keyFor(hpa));
  }

  /** The in-memory recommendations and scale events of an HPA (for tests and the dashboard). */
  historyOf(key: string): HpaHistory | undefined {
    return this.histories.get(key);
  }

  reconcile(key: string): void {
    const { store, clock } = this.cp;
    const { namespace, name } = splitKey(key);
    const hpa = store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', namespace, name);
    if (!hpa) {
      this.forget(key, namespace ?? '');
      return;
    }
    // The next periodic sync: every HPA is processed once per sync period.
    this.enqueueAfter(key, HPA_SYNC_PERIOD_MS);
    let history = this.histories.get(key);
    if (!history) this.histories.set(key, (history = new HpaHistory()));

    const env: SyncEnv = {
      store,
      usage: this.cp.usage,
      now: clock.now(),
      nowIso: clock.iso(),
      settings: this.settings,
      downscaleWindowSeconds: this.downscaleWindowSeconds,
      event: (type, reason, message) => this.event(store.get('HorizontalPodAutoscaler', namespace, name) ?? hpa, type, reason, message),
      hpasSelecting: (selector, pods) => this.hpasSelecting(key, namespace ?? '', selector, pods),
    };
    const result = syncAutoscaler(env, hpa, history);

    if (canonicalJson(result.status) !== canonicalJson(hpa.status ?? {})) {
      try {
        store.modify<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', namespace, name, (draft) => {
          draft.status = result.status;
        }, { subresource: 'status' });
      } catch (e) {
        this.event(hpa, 'Warning', 'FailedUpdateStatus', e instanceof Error ? e.message : String(e));
      }
    }

    const ref = hpa.spec?.scaleTargetRef;
    const text = explain({
      result,
      target: `${ref?.kind}/${ref?.name}`,
      min: hpa.spec?.minReplicas ?? 1,
      max: hpa.spec?.maxReplicas ?? 0,
      now: clock.now(),
      tolerance: this.settings.tolerance,
    });
    // A sync that reaches the same conclusion as the last one has nothing new to say.
    if (result.rescale || this.said.isNew(key, text.signature)) this.decide(hpa, text.action, text.reason, text.details);
  }

  /** Registers this HPA's selector and returns every HPA whose selector picks any of the pods. */
  private hpasSelecting(key: string, namespace: string, selector: Selector, pods: readonly Pod[]): string[] {
    let inNamespace = this.selectors.get(namespace);
    if (!inNamespace) this.selectors.set(namespace, (inNamespace = new Map()));
    inNamespace.set(key, selector);
    const found = new Set<string>();
    for (const [other, sel] of inNamespace) {
      if (pods.some((p) => sel.matches(p.metadata.labels))) found.add(other);
    }
    return [...found].sort();
  }

  private forget(key: string, namespace: string): void {
    this.histories.delete(key);
    this.said.forget(key);
    const inNamespace = this.selectors.get(namespace);
    inNamespace?.delete(key);
    if (inNamespace && !inNamespace.size) this.selectors.delete(namespace);
  }
}
