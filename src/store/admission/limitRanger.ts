// LimitRanger (plugin/pkg/admission/limitranger): fills in default requests and limits for containers
// that name none, then refuses pods and claims outside a LimitRange's min, max or limit/request ratio.
// Pods are handled on create only (their containers' resources cannot change afterwards); claims on
// create and update.
import type { KObject } from '../../api/object.js';
import type { AdmissionPlugin } from '../admission.js';
import type { Store } from '../store.js';
import { limitRequestRatioConstraint, maxConstraint, maxRequestConstraint, minConstraint, type LimitCheck } from './limitRangeChecks.js';
import { podLimits, podRequests } from './podResources.js';
import { forbiddenFor } from './requestName.js';
import { parseResources, type Resources } from './resourceList.js';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

interface LimitRangeItem {
  type: string;
  max?: Record<string, string>;
  min?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

interface ContainerLike {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

function limitRangesIn(store: Store, namespace: string): KObject[] {
  return store.list('LimitRange', { namespace }).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/**
 * A Container item as the API defaults it: a max with no default becomes the default limit, a
 * default limit with no default request becomes the request, and so does a min.
 */
export function defaultedItem(item: LimitRangeItem): LimitRangeItem {
  if (item.type !== 'Container') return item;
  const def = { ...(item.default ?? {}) };
  const defReq = { ...(item.defaultRequest ?? {}) };
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in defReq)) defReq[k] = v;
  return { ...item, default: def, defaultRequest: defReq };
}

function containerDefaults(limitRange: KObject): { requests: Record<string, string>; limits: Record<string, string> } {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  for (const raw of (limitRange.spec?.limits ?? []) as LimitRangeItem[]) {
    if (raw.type !== 'Container') continue;
    const item = defaultedItem(raw);
    for (const [k, v] of Object.entries(item.defaultRequest ?? {})) requests[k] = String(v);
    for (const [k, v] of Object.entries(item.default ?? {})) limits[k] = String(v);
  }
  return { requests, limits };
}

/** Fills what a container lacks; returns the annotation fragments (`cpu request for container app`). */
function mergeContainer(container: ContainerLike, defaults: ReturnType<typeof containerDefaults>, prefix: string): string[] {
  const resources = (container.resources = { ...(container.resources ?? {}) });
  const limits = (resources.limits = { ...(resources.limits ?? {}) });
  const requests = (resources.requests = { ...(resources.requests ?? {}) });
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(defaults.limits)) {
    if (!(k in limits)) {
      limits[k] = v;
      setLimits.push(k);
    }
  }
  for (const [k, v] of Object.entries(defaults.requests)) {
    if (!(k in requests)) {
      requests[k] = v;
      setRequests.push(k);
    }
  }
  if (!Object.keys(limits).length) delete resources.limits;
  if (!Object.keys(requests).length) delete resources.requests;
  const notes: string[] = [];
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${container.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${container.name}`);
  return notes;
}

function applyDefaults(pod: KObject, limitRange: KObject): void {
  const defaults = containerDefaults(limitRange);
  if (!Object.keys(defaults.requests).length && !Object.keys(defaults.limits).length) return;
  const notes: string[] = [];
  for (const c of (pod.spec?.containers ?? []) as ContainerLike[]) notes.push(...mergeContainer(c, defaults, 'container'));
  for (const c of (pod.spec?.initContainers ?? []) as ContainerLike[]) notes.push(...mergeContainer(c, defaults, 'init container'));
  if (notes.length) {
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

function checkAll(errors: string[], limitType: string, bounds: Record<string, string> | undefined, check: LimitCheck, requests: Resources, limits: Resources): void {
  const parsed = parseResources(bounds);
  for (const name of [...parsed.keys()].sort()) {
    const problem = check(limitType, name, parsed.get(name)!, requests, limits);
    if (problem) errors.push(problem);
  }
}

/** A Container or Pod item: its min, max and limit-to-request ratio, in the plugin's order. */
function checkRequestsAndLimits(errors: string[], item: LimitRangeItem, requests: Resources, limits: Resources): void {
  checkAll(errors, item.type, item.min, minConstraint, requests, limits);
  checkAll(errors, item.type, item.max, maxConstraint, requests, limits);
  checkAll(errors, item.type, item.maxLimitRequestRatio, limitRequestRatioConstraint, requests, limits);
}

function podViolations(pod: KObject, limitRange: KObject): string[] {
  const errors: string[] = [];
  for (const item of (limitRange.spec?.limits ?? []) as LimitRangeItem[]) {
    if (item.type === 'Container') {
      const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])] as ContainerLike[];
      for (const c of containers) {
        const requests = parseResources(c.resources?.requests);
        const limits = parseResources(c.resources?.limits);
        checkRequestsAndLimits(errors, item, requests, limits);
      }
    } else if (item.type === 'Pod') {
      const requests = podRequests(pod);
      const limits = podLimits(pod);
      checkRequestsAndLimits(errors, item, requests, limits);
    }
  }
  return errors;
}

function claimViolations(claim: KObject, limitRange: KObject): string[] {
  const errors: string[] = [];
  const requests = parseResources(claim.spec?.resources?.requests);
  for (const item of (limitRange.spec?.limits ?? []) as LimitRangeItem[]) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    // A claim's limits are not the user's ask: only requests count.
    checkAll(errors, item.type, item.min, minConstraint, requests, new Map());
    checkAll(errors, item.type, item.max, maxRequestConstraint, requests, new Map());
  }
  return errors;
}

/** utilerrors.NewAggregate's text: one message alone, several as `[a, b]`, duplicates once. */
function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',

  mutate({ operation, object, store }) {
    if (operation !== 'CREATE' || object.kind !== 'Pod') return;
    for (const limitRange of limitRangesIn(store, object.metadata.namespace ?? 'default')) applyDefaults(object, limitRange);
  },

  validate({ operation, object, store }) {
    const isPod = object.kind === 'Pod' && operation === 'CREATE';
    const isClaim = object.kind === 'PersistentVolumeClaim' && (operation === 'CREATE' || operation === 'UPDATE');
    if (!isPod && !isClaim) return;
    const errors: string[] = [];
    for (const limitRange of limitRangesIn(store, object.metadata.namespace ?? 'default')) {
      errors.push(...(isPod ? podViolations(object, limitRange) : claimViolations(object, limitRange)));
    }
    if (errors.length) throw forbiddenFor(object, aggregate(errors));
  },
};
