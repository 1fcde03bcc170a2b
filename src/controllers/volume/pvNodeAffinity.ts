// CheckNodeAffinity for PersistentVolumes: a local or zonal volume can only be used from nodes its
// spec.nodeAffinity.required selects (terms ORed, requirements within a term ANDed).
import type { Node, PersistentVolume, core } from '../../api/types.js';

function requirementHolds(req: core.NodeSelectorRequirement, value: string | undefined): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0])) return false;
      return req.operator === 'Gt' ? BigInt(value) > BigInt(values[0]) : BigInt(value) < BigInt(values[0]);
    }
    default:
      return false;
  }
}

function termHolds(term: core.NodeSelectorTerm, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  // An empty term selects nothing.
  if (!expressions.length && !fields.length) return false;
  for (const req of expressions) if (!requirementHolds(req, Object.hasOwn(labels, req.key) ? labels[req.key] : undefined)) return false;
  for (const req of fields) if (req.key !== 'metadata.name' || !requirementHolds(req, node.metadata.name)) return false;
  return true;
}

/** True when the volume has no required node affinity or the node satisfies one of its terms. */
export function volumeReachableFrom(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => termHolds(t, node));
}

/** A node object good enough for affinity checks when only its name is known. */
export function nodeByName(name: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } };
}
