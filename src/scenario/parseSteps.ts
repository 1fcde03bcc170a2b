// spec.steps of a scenario: `{at: 90s, <one action>}`, optionally with a `note:` for the timeline.
//   apply: [app-v2.yaml]                                   manifests, like kubectl apply -f
//   set: {image: {deployment/web: {web: nginx:1.27}}}      kubectl set image
//   scale: {deployment/web: 6}                             kubectl scale
//   rolloutUndo: deployment/web    (or {deployment/web: 1} for --to-revision=1)
//   delete: [pod/web-0]                                    kubectl delete
//   fault: {nodeDown: node-2} | {nodeUp: node-2} | {crashPod: default/web-0 | deployment/web}
//   load: {deployment/php-apache: {cpu: 900m}}             extra CPU spread over the ready pods
import { DurationError, parseDuration } from '../api/duration.js';
import { milliValue, tryParseQuantity, value as quantityValue } from '../api/quantity.js';
import { LOADABLE_KINDS } from '../ops/load.js';
import { isRecord, rejectUnknownFields, stringList, type ParseContext } from './parseContext.js';
import { formatTarget, parsePodTarget, parseTarget } from './targets.js';
import type { ScenarioStep, StepAction, TargetRef } from './types.js';

export const STEP_TYPES = ['apply', 'set', 'scale', 'rolloutUndo', 'delete', 'fault', 'load'] as const;
export const FAULT_TYPES = ['nodeDown', 'nodeUp', 'crashPod'] as const;
const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];
const WITH_POD_TEMPLATE = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'CronJob', 'Job', 'Pod'];
const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'];

export function parseSteps(ctx: ParseContext, value: unknown): ScenarioStep[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    ctx.fail('spec.steps', 'must be a list of steps, each {at: DURATION, <action>: ...}');
    return [];
  }
  const steps: ScenarioStep[] = [];
  value.forEach((item, index) => {
    const step = parseStep(ctx, `spec.steps[${index}]`, index, item);
    if (step) steps.push(step);
  });
  // Stable: steps at the same time run in the order they are written.
  return steps.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
}

function parseStep(ctx: ParseContext, field: string, index: number, item: unknown): ScenarioStep | undefined {
  if (!isRecord(item)) {
    ctx.fail(field, 'a step is a mapping: {at: 90s, scale: {deployment/web: 6}}');
    return undefined;
  }
  const atMs = parseAt(ctx, `${field}.at`, item.at);
  const note = item.note;
  if (note !== undefined && typeof note !== 'string') ctx.fail(`${field}.note`, 'must be text');
  const actionKeys = Object.keys(item).filter((k) => k !== 'at' && k !== 'note');
  const unknown = actionKeys.filter((k) => !(STEP_TYPES as readonly string[]).includes(k));
  for (const key of unknown) {
    ctx.fail(`${field}.${key}`, `unknown step type "${key}": a step has \`at\` and one of ${STEP_TYPES.join(', ')}`);
  }
  if (unknown.length) return undefined;
  if (actionKeys.length !== 1) {
    ctx.fail(field, actionKeys.length ? `a step does one thing; this one has ${actionKeys.join(' and ')}: split it into steps at the same time` : `the step does nothing: add one of ${STEP_TYPES.join(', ')}`);
    return undefined;
  }
  const type = actionKeys[0];
  const before = ctx.problems.length;
  const actions = parseAction(ctx, `${field}.${type}`, type, item[type]);
  if (atMs === undefined || ctx.problems.length > before || !actions.length) return undefined;
  return {
    index,
    atMs,
    actions,
    label: actions.map(describeAction).join('; '),
    ...(typeof note === 'string' && note.trim() ? { note: note.trim() } : {}),
    location: ctx.document.locate(field),
  };
}

function parseAt(ctx: ParseContext, field: string, value: unknown): number | undefined {
  if (value === undefined) {
    ctx.fail(field, 'Required value: when the step runs, counted from the start, e.g. at: 90s');
    return undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value * 1000);
  if (typeof value !== 'string') {
    ctx.fail(field, `invalid duration ${JSON.stringify(value)}: use e.g. 30s, 5m, 1h30m`);
    return undefined;
  }
  try {
    return parseDuration(value);
  } catch (error) {
    if (error instanceof DurationError) ctx.fail(field, error.message);
    else throw error;
    return undefined;
  }
}

function parseAction(ctx: ParseContext, field: string, type: string, value: unknown): StepAction[] {
  switch (type) {
    case 'apply': {
      const files = stringList(ctx, field, value, 'a manifest file or directory');
      if (!files) return [];
      return [{ type: 'apply', files, manifests: ctx.loadFiles(field, files) }];
    }
    case 'set':
      return parseSetImage(ctx, field, value);
    case 'scale':
      return targetMap(ctx, field, value, SCALABLE, 'a replica count, e.g. {deployment/web: 6}').flatMap(([target, v, at]) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
          ctx.fail(at, `Invalid value: ${JSON.stringify(v)}: replicas must be a whole number, 0 or more`);
          return [];
        }
        return [{ type: 'scale', target, replicas: v } as StepAction];
      });
    case 'rolloutUndo':
      return parseRolloutUndo(ctx, field, value);
    case 'delete': {
      const list = stringList(ctx, field, value, 'a KIND/NAME target');
      if (!list) return [];
      return list.flatMap((text, i) => {
        const result = parseTarget(text);
        if (!result.ok) {
          ctx.fail(typeof value === 'string' ? field : `${field}[${i}]`, result.message);
          return [];
        }
        return [{ type: 'delete', target: result.target } as StepAction];
      });
    }
    case 'fault':
      return parseFault(ctx, field, value);
    case 'load':
      return targetMap(ctx, field, value, LOADABLE_KINDS, 'the load, e.g. {deployment/php-apache: {cpu: 900m}}').flatMap(([target, v, at]) => {
        const load = parseLoad(ctx, at, v);
        return load ? [{ type: 'load', target, ...load } as StepAction] : [];
      });
    default:
      return [];
  }
}

/** `{target: value}` maps, with each target parsed; returns [target, value, field of the value]. */
function targetMap(ctx: ParseContext, field: string, value: unknown, kinds: readonly string[], what: string): Array<[TargetRef, unknown, string]> {
  if (!isRecord(value) || !Object.keys(value).length) {
    ctx.fail(field, `must map targets to ${what}`);
    return [];
  }
  const out: Array<[TargetRef, unknown, string]> = [];
  for (const [text, v] of Object.entries(value)) {
    const at = `${field}.${text}`;
    const result = parseTarget(text, kinds);
    if (!result.ok) ctx.fail(at, result.message);
    else out.push([result.target, v, at]);
  }
  return out;
}

function parseSetImage(ctx: ParseContext, field: string, value: unknown): StepAction[] {
  if (!isRecord(value)) {
    ctx.fail(field, 'must be {image: {deployment/web: {CONTAINER: IMAGE}}}');
    return [];
  }
  rejectUnknownFields(ctx, field, value, ['image']);
  if (value.image === undefined) {
    ctx.fail(`${field}.image`, 'Required value: {image: {deployment/web: {CONTAINER: IMAGE}}}');
    return [];
  }
  return targetMap(ctx, `${field}.image`, value.image, WITH_POD_TEMPLATE, 'containers and images, e.g. {deployment/web: {web: nginx:1.27}}').flatMap(([target, images, at]) => {
    if (!isRecord(images) || !Object.keys(images).length || Object.values(images).some((i) => typeof i !== 'string' || !i.trim())) {
      ctx.fail(at, 'must map container names to images, e.g. {web: nginx:1.27} (`*` for every container)');
      return [];
    }
    return Object.entries(images).map(([container, image]) => ({ type: 'setImage', target, container, image: (image as string).trim() }) as StepAction);
  });
}

function parseRolloutUndo(ctx: ParseContext, field: string, value: unknown): StepAction[] {
  if (typeof value === 'string') {
    const result = parseTarget(value, ['Deployment']);
    if (!result.ok) {
      ctx.fail(field, result.message);
      return [];
    }
    return [{ type: 'rolloutUndo', target: result.target, toRevision: 0 }];
  }
  return targetMap(ctx, field, value, ['Deployment'], 'a revision, e.g. {deployment/web: 1} (0 = the previous one)').flatMap(([target, v, at]) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      ctx.fail(at, `Invalid value: ${JSON.stringify(v)}: the revision to go back to is a whole number (0 = the previous one)`);
      return [];
    }
    return [{ type: 'rolloutUndo', target, toRevision: v } as StepAction];
  });
}

function parseFault(ctx: ParseContext, field: string, value: unknown): StepAction[] {
  if (!isRecord(value) || Object.keys(value).length !== 1) {
    ctx.fail(field, `must be one of {nodeDown: NODE}, {nodeUp: NODE}, {crashPod: POD or KIND/NAME}`);
    return [];
  }
  const [kind, arg] = Object.entries(value)[0];
  const at = `${field}.${kind}`;
  switch (kind) {
    case 'nodeDown':
    case 'nodeUp':
      if (typeof arg !== 'string' || !arg.trim()) {
        ctx.fail(at, 'Required value: the node\'s name, e.g. node-2');
        return [];
      }
      return [{ type: kind, node: arg.trim().replace(/^nodes?\//, '') }];
    case 'crashPod':
      return parseCrashPod(ctx, at, arg);
    default:
      ctx.fail(at, `unknown fault "${kind}": use ${FAULT_TYPES.join(', ')}`);
      return [];
  }
}

function parseCrashPod(ctx: ParseContext, field: string, value: unknown): StepAction[] {
  const spec = isRecord(value) ? value : { pod: value };
  if (isRecord(value)) rejectUnknownFields(ctx, field, value, ['pod', 'container', 'exitCode']);
  const result = parsePodTarget(spec.pod, WORKLOADS);
  if (!result.ok) {
    ctx.fail(isRecord(value) ? `${field}.pod` : field, result.message);
    return [];
  }
  const exitCode = spec.exitCode ?? 1;
  if (typeof exitCode !== 'number' || !Number.isInteger(exitCode) || exitCode < 1 || exitCode > 255) {
    ctx.fail(`${field}.exitCode`, `Invalid value: ${JSON.stringify(exitCode)}: a crash exits with a code from 1 to 255`);
    return [];
  }
  if (spec.container !== undefined && (typeof spec.container !== 'string' || !spec.container)) {
    ctx.fail(`${field}.container`, 'must be a container name');
    return [];
  }
  return [{ type: 'crashPod', target: result.target, exitCode, ...(spec.container ? { container: spec.container as string } : {}) }];
}

function parseLoad(ctx: ParseContext, field: string, value: unknown): { cpuMilli: number; memoryBytes: number } | undefined {
  if (!isRecord(value)) {
    ctx.fail(field, 'must be {cpu: 900m} (and/or memory: 200Mi); {cpu: 0} removes the load');
    return undefined;
  }
  rejectUnknownFields(ctx, field, value, ['cpu', 'memory']);
  const read = (key: 'cpu' | 'memory') => {
    const v = value[key];
    if (v === undefined) return 0;
    const q = typeof v === 'string' || typeof v === 'number' ? tryParseQuantity(v) : undefined;
    if (!q || q.nanos < 0n) {
      ctx.fail(`${field}.${key}`, `Invalid value: ${JSON.stringify(v)}: must be a quantity such as ${key === 'cpu' ? '900m or 1.5' : '200Mi'}`);
      return undefined;
    }
    return key === 'cpu' ? Math.round(milliValue(q)) : quantityValue(q);
  };
  if (value.cpu === undefined && value.memory === undefined) {
    ctx.fail(field, 'Required value: cpu (e.g. 900m) or memory (e.g. 200Mi)');
    return undefined;
  }
  const cpuMilli = read('cpu');
  const memoryBytes = read('memory');
  if (cpuMilli === undefined || memoryBytes === undefined) return undefined;
  return { cpuMilli, memoryBytes };
}

/** What the timeline says a step does. */
export function describeAction(action: StepAction): string {
  switch (action.type) {
    case 'apply':
      return `apply ${action.files.join(', ')} (${action.manifests.length} object${action.manifests.length === 1 ? '' : 's'})`;
    case 'setImage':
      return `set image ${formatTarget(action.target)} ${action.container}=${action.image}`;
    case 'scale':
      return `scale ${formatTarget(action.target)} to ${action.replicas}`;
    case 'rolloutUndo':
      return `rollout undo ${formatTarget(action.target)}${action.toRevision ? ` --to-revision=${action.toRevision}` : ''}`;
    case 'delete':
      return `delete ${formatTarget(action.target)}`;
    case 'nodeDown':
      return `node ${action.node} goes down (its kubelet stops)`;
    case 'nodeUp':
      return `node ${action.node} comes back (its kubelet starts)`;
    case 'crashPod':
      return `crash ${action.target.kind === 'Pod' ? `pod ${action.target.namespace}/${action.target.name}` : `a pod of ${formatTarget(action.target)}`}${action.container ? ` (container ${action.container})` : ''}`;
    case 'load': {
      const parts = [action.cpuMilli ? `cpu ${action.cpuMilli}m` : '', action.memoryBytes ? `memory ${Math.round(action.memoryBytes / 2 ** 20)}Mi` : ''].filter(Boolean);
      return parts.length ? `load ${formatTarget(action.target)} with ${parts.join(' and ')}` : `remove the load on ${formatTarget(action.target)}`;
    }
  }
}
