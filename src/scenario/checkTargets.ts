// Before anything runs: every object a step names must be one the scenario makes — declared by its
// manifests (those applied at 0s, or by an apply step no later than this one), a node of spec.nodes,
// a pod or claim of a declared StatefulSet (`db-0`, `data-db-0`), or an object every cluster has.
// A typo (`deployment/wbe`) is an error at the step's line, not a failed step ten minutes in.
import { isNamespaced } from '../api/kinds.js';
import type { KObject } from '../api/object.js';
import type { NodeSpec } from '../sim/nodeSpec.js';
import type { ParseContext } from './parseContext.js';
import { formatTarget } from './targets.js';
import type { ScenarioManifest, ScenarioStep, StepAction, TargetRef } from './types.js';

/** What `new Cluster()` creates before any manifest. */
const BUILT_IN = ['Namespace//default', 'Namespace//kube-system', 'Namespace//kube-public', 'Namespace//kube-node-lease', 'Service/default/kubernetes'];

class Declared {
  private readonly keys = new Set<string>(BUILT_IN);
  private readonly statefulSets: KObject[] = [];

  add(manifests: ScenarioManifest[]): void {
    for (const { object } of manifests) {
      this.keys.add(keyOf(object.kind, namespaceOf(object), object.metadata.name ?? ''));
      if (object.kind === 'StatefulSet') this.statefulSets.push(object);
    }
  }

  has(target: TargetRef): boolean {
    if (this.keys.has(keyOf(target.kind, target.namespace, target.name))) return true;
    // StatefulSet pods and claims have names known in advance.
    for (const sts of this.statefulSets) {
      if (namespaceOf(sts) !== target.namespace) continue;
      const name = sts.metadata.name ?? '';
      if (target.kind === 'Pod' && ordinalOf(target.name, `${name}-`)) return true;
      if (target.kind === 'PersistentVolumeClaim') {
        for (const t of sts.spec?.volumeClaimTemplates ?? []) if (ordinalOf(target.name, `${t.metadata?.name}-${name}-`)) return true;
      }
    }
    return false;
  }

  /** Declared names of a kind in a namespace, for the message. */
  names(kind: string): string[] {
    return [...this.keys]
      .filter((k) => k.startsWith(`${kind}/`))
      .map((k) => {
        const [, namespace, name] = k.split('/');
        return formatTarget({ kind, namespace: namespace || undefined, name, text: '' });
      });
  }
}

export function checkTargets(ctx: ParseContext, initial: ScenarioManifest[], steps: ScenarioStep[], nodes: NodeSpec[]): void {
  const declared = new Declared();
  declared.add(initial);
  const nodeNames = new Set(nodes.map((n) => n.name));
  // Steps are in time order: an apply makes its objects known to itself and every later step.
  for (const step of steps) {
    for (const action of step.actions) if (action.type === 'apply') declared.add(action.manifests);
    const field = `spec.steps[${step.index}]`;
    for (const action of step.actions) checkAction(ctx, field, action, declared, nodeNames);
  }
}

function checkAction(ctx: ParseContext, field: string, action: StepAction, declared: Declared, nodes: Set<string>): void {
  switch (action.type) {
    case 'apply':
      return;
    case 'nodeDown':
    case 'nodeUp':
      if (!nodes.has(action.node)) {
        ctx.fail(`${field}.fault.${action.type}`, `unknown target node "${action.node}": spec.nodes has ${[...nodes].join(', ') || 'no nodes'}`);
      }
      return;
    default: {
      const target = action.target;
      if (target.kind === 'Node' ? nodes.has(target.name) : declared.has(target)) return;
      const at = fieldOf(field, action);
      const known = target.kind === 'Node' ? [...nodes] : declared.names(target.kind);
      const hint = action.type === 'crashPod' && target.kind === 'Pod' ? '; pods made by a Deployment get random names, so name the workload instead (crashPod: deployment/web)' : '';
      ctx.fail(
        at,
        `unknown target ${formatTarget(target)}: no ${target.kind} "${target.name}"${target.namespace ? ` in namespace ${target.namespace}` : ''} is declared by the scenario's manifests by then` +
          (known.length ? ` (declared: ${known.join(', ')})` : '') +
          hint,
      );
    }
  }
}

/** Where in the step the target was written, so the error points at its line. */
function fieldOf(field: string, action: Exclude<StepAction, { type: 'apply' | 'nodeDown' | 'nodeUp' }>): string {
  switch (action.type) {
    case 'setImage':
      return `${field}.set.image.${action.target.text}`;
    case 'scale':
    case 'load':
      return `${field}.${action.type}.${action.target.text}`;
    case 'rolloutUndo':
      return `${field}.rolloutUndo.${action.target.text}`;
    case 'delete':
      return `${field}.delete`;
    case 'crashPod':
      return `${field}.fault.crashPod`;
  }
}

function namespaceOf(obj: KObject): string | undefined {
  return isNamespaced(obj.kind) ? obj.metadata.namespace || 'default' : undefined;
}

function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function ordinalOf(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length));
}
