// Node selection rules: NodeSelectorTerms (matchExpressions on labels with In/NotIn/Exists/
// DoesNotExist/Gt/Lt, matchFields on metadata.name), a pod's required node affinity combined with
// its nodeSelector, and its preferred terms. Compiled once per pod so each node check is cheap.
import type { core, Node, Pod } from '../api/types.js';

type NodeTest = (node: Node) => boolean;

const INT64 = /^[+-]?\d+$/;

function requirementTest(req: core.NodeSelectorRequirement, read: (node: Node) => string | undefined): NodeTest | undefined {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      if (values.length === 0) return undefined;
      return (node) => {
        const v = read(node);
        return v !== undefined && values.includes(v);
      };
    case 'NotIn':
      return (node) => {
        const v = read(node);
        return v === undefined || !values.includes(v);
      };
    case 'Exists':
      if (values.length) return undefined;
      return (node) => read(node) !== undefined;
    case 'DoesNotExist':
      if (values.length) return undefined;
      return (node) => read(node) === undefined;
    case 'Gt':
    case 'Lt': {
      // Exactly one integer value; a label that is not an integer never matches.
      if (values.length !== 1 || !INT64.test(values[0])) return undefined;
      const bound = BigInt(values[0]);
      const gt = req.operator === 'Gt';
      return (node) => {
        const v = read(node);
        if (v === undefined || !INT64.test(v)) return false;
        const n = BigInt(v);
        return gt ? n > bound : n < bound;
      };
    }
    default:
      return undefined;
  }
}

const readLabel = (key: string) => (node: Node) => {
  const labels = node.metadata.labels;
  return labels && Object.hasOwn(labels, key) ? labels[key] : undefined;
};
const readName = (node: Node) => node.metadata.name;

/**
 * A term matches when all its requirements do; a term without requirements matches nothing, and a
 * term with an invalid requirement is dropped (the scheduler ignores parse errors).
 */
export function compileTerm(term: core.NodeSelectorTerm): NodeTest | undefined {
  const tests: NodeTest[] = [];
  for (const req of term.matchExpressions ?? []) {
    const t = requirementTest(req, readLabel(req.key));
    if (!t) return undefined;
    tests.push(t);
  }
  for (const req of term.matchFields ?? []) {
    if (req.key !== 'metadata.name' || (req.operator !== 'In' && req.operator !== 'NotIn')) return undefined;
    const t = requirementTest(req, readName);
    if (!t) return undefined;
    tests.push(t);
  }
  if (tests.length === 0) return undefined;
  return (node) => {
    for (const t of tests) if (!t(node)) return false;
    return true;
  };
}

/** Terms are ORed; undefined terms (invalid or empty) never match. */
export function compileTerms(terms: readonly core.NodeSelectorTerm[]): NodeTest {
  const compiled = terms.map(compileTerm).filter((t): t is NodeTest => t !== undefined);
  return (node) => {
    for (const t of compiled) if (t(node)) return true;
    return false;
  };
}

/** nodeSelector AND required node affinity: nodeaffinity.GetRequiredNodeAffinity(pod). */
export interface RequiredNodeAffinity {
  /** True when the pod constrains nodes at all. */
  readonly constrains: boolean;
  match(node: Node): boolean;
}

export function requiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const selector = Object.entries(pod.spec?.nodeSelector ?? {});
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required ? compileTerms(required.nodeSelectorTerms ?? []) : undefined;
  if (!selector.length && !terms) return { constrains: false, match: () => true };
  return {
    constrains: true,
    match(node) {
      const labels = node.metadata.labels ?? {};
      for (const [k, v] of selector) if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
      return terms ? terms(node) : true;
    },
  };
}

/**
 * NodeAffinity PreFilter: when every required term pins `metadata.name In [...]`, only those nodes
 * need checking (DaemonSet pods name their node this way). Undefined when all nodes are candidates;
 * an empty set when the terms contradict each other.
 */
export function nodeNamesFromAffinity(pod: Pod): Set<string> | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms?.length) return undefined;
  let union: Set<string> | undefined;
  for (const term of terms) {
    let names: Set<string> | undefined;
    for (const f of term.matchFields ?? []) {
      if (f.key !== 'metadata.name' || f.operator !== 'In') continue;
      const values = new Set(f.values ?? []);
      names = names ? new Set([...names].filter((n) => values.has(n))) : values;
    }
    // A term without a name pin admits any node, and terms are ORed.
    if (!names) return undefined;
    union = union ? new Set([...union, ...names]) : names;
  }
  return union;
}

export interface PreferredTerm {
  weight: number;
  match: NodeTest;
}

export function preferredNodeTerms(pod: Pod): PreferredTerm[] {
  const out: PreferredTerm[] = [];
  for (const p of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (!p.weight) continue;
    const match = compileTerm(p.preference);
    if (match) out.push({ weight: p.weight, match });
  }
  return out;
}
