// Signs that the simulation hit a bug rather than a refusal: a reconcile that threw one of the
// errors JavaScript itself raises (a TypeError, a RangeError...). The base controller turns every
// throw into a "retry later" decision so the cluster keeps running, and names what was thrown in the
// decision's details; controllers throw plain Errors and ApiErrors on purpose to be retried.
import type { Cluster } from '../../src/cluster.js';

const BUGS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'URIError', 'EvalError', 'AssertionError', 'InvariantError']);

export function internalErrors(cluster: Cluster): string[] {
  return cluster.decisions
    .query()
    .filter((d) => d.action === 'retry later' && BUGS.has((d.details as { error?: string } | undefined)?.error ?? ''))
    .map((d) => `${d.component} ${d.object.kind} ${d.object.namespace ?? ''}/${d.object.name}: ${d.reason}`);
}
