// spec.nodes of a scenario: a list of machines, or `{count: 3, cpu: "4", memory: 8Gi}` for alike
// workers `node-1`…`node-N`. Left out: three default workers, as `kubesim run` starts with.
import { tryParseQuantity } from '../api/quantity.js';
import { isDNS1123Subdomain } from '../api/validation/names.js';
import { DEFAULT_NODE, workerNodes, type NodeSpec, type TaintSpec } from '../sim/nodeSpec.js';
import { isRecord, rejectUnknownFields, type ParseContext } from './parseContext.js';

const NODE_FIELDS = ['name', 'cpu', 'memory', 'pods', 'labels', 'taints'] as const;
const COUNT_FIELDS = ['count', 'cpu', 'memory', 'pods', 'labels', 'taints'] as const;
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
/** Enough for the largest clusters kubesim is built for. */
const MAX_NODES = 5000;

export function parseNodes(ctx: ParseContext, value: unknown): NodeSpec[] {
  const field = 'spec.nodes';
  if (value === undefined) return workerNodes(3);
  if (isRecord(value)) {
    rejectUnknownFields(ctx, field, value, COUNT_FIELDS);
    const count = value.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_NODES) {
      ctx.fail(`${field}.count`, `must be a whole number from 1 to ${MAX_NODES}`);
      return [];
    }
    const shape = nodeShape(ctx, field, value);
    return workerNodes(count, shape);
  }
  if (!Array.isArray(value) || !value.length) {
    ctx.fail(field, 'must be a list of nodes ({name, cpu, memory, pods, labels, taints}) or {count: N, cpu, memory}');
    return [];
  }
  const seen = new Set<string>();
  const nodes: NodeSpec[] = [];
  value.forEach((item, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(item)) return ctx.fail(at, 'must be a node: {name: node-1, cpu: "4", memory: 8Gi}');
    rejectUnknownFields(ctx, at, item, NODE_FIELDS);
    const name = item.name;
    if (typeof name !== 'string' || !name) return ctx.fail(`${at}.name`, 'Required value: every node has a name');
    const nameProblems = isDNS1123Subdomain(name);
    if (nameProblems.length) return ctx.fail(`${at}.name`, `Invalid value: "${name}": ${nameProblems.join(', ')}`);
    if (seen.has(name)) return ctx.fail(`${at}.name`, `Duplicate value: "${name}"`);
    seen.add(name);
    nodes.push({ ...DEFAULT_NODE, ...nodeShape(ctx, at, item), name });
  });
  return nodes;
}

/** cpu, memory, pods, labels and taints of a node (or of every node of a count). */
function nodeShape(ctx: ParseContext, at: string, value: Record<string, unknown>): Partial<Omit<NodeSpec, 'name'>> {
  const shape: Partial<Omit<NodeSpec, 'name'>> = {};
  for (const resource of ['cpu', 'memory'] as const) {
    const v = value[resource];
    if (v === undefined) continue;
    const q = typeof v === 'string' || typeof v === 'number' ? tryParseQuantity(v) : undefined;
    if (!q || q.nanos <= 0n) ctx.fail(`${at}.${resource}`, `Invalid value: ${JSON.stringify(v)}: must be a positive quantity such as ${resource === 'cpu' ? '"4" or 3500m' : '8Gi'}`);
    else shape[resource] = String(v);
  }
  if (value.pods !== undefined) {
    const pods = value.pods;
    if (typeof pods !== 'number' || !Number.isInteger(pods) || pods < 1) ctx.fail(`${at}.pods`, `Invalid value: ${JSON.stringify(pods)}: must be a whole number of at least 1`);
    else shape.pods = pods;
  }
  if (value.labels !== undefined) {
    const labels = value.labels;
    if (!isRecord(labels) || Object.values(labels).some((v) => typeof v !== 'string')) ctx.fail(`${at}.labels`, 'must be a map of label keys to string values');
    else shape.labels = labels as Record<string, string>;
  }
  if (value.taints !== undefined) shape.taints = parseTaints(ctx, `${at}.taints`, value.taints);
  return shape;
}

/** `{key, value, effect}` items, or kubectl's `key=value:Effect` strings. */
function parseTaints(ctx: ParseContext, at: string, value: unknown): TaintSpec[] {
  if (!Array.isArray(value)) {
    ctx.fail(at, 'must be a list of taints ({key: dedicated, value: gpu, effect: NoSchedule} or "dedicated=gpu:NoSchedule")');
    return [];
  }
  const out: TaintSpec[] = [];
  value.forEach((item, i) => {
    const field = `${at}[${i}]`;
    let taint: Record<string, unknown> | undefined;
    if (typeof item === 'string') {
      const m = /^([^=:]+)(?:=([^:]*))?:(\w+)$/.exec(item.trim());
      taint = m ? { key: m[1], value: m[2], effect: m[3] } : undefined;
    } else if (isRecord(item)) {
      rejectUnknownFields(ctx, field, item, ['key', 'value', 'effect']);
      taint = item;
    }
    if (!taint || typeof taint.key !== 'string' || !taint.key) return ctx.fail(field, 'a taint needs a key and an effect, e.g. {key: dedicated, value: gpu, effect: NoSchedule}');
    if (typeof taint.effect !== 'string' || !EFFECTS.includes(taint.effect)) {
      return ctx.fail(field, `Unsupported value: ${JSON.stringify(taint.effect)}: supported values: "${EFFECTS.join('", "')}"`);
    }
    if (taint.value !== undefined && typeof taint.value !== 'string') return ctx.fail(field, 'a taint value must be a string');
    out.push({ key: taint.key, ...(taint.value ? { value: taint.value } : {}), effect: taint.effect as TaintSpec['effect'] });
  });
  return out;
}
