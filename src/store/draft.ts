// Copy-on-write drafts of stored objects. A write starts from the stored version; whoever changes the
// draft (a controller's `modify` callback, admission plugins) sees an ordinary object, but only
// the parts written to are copied, each copied once and shallowly. Finishing the draft gives the new
// version: fresh objects along the changed paths, the stored version's own instances everywhere else.
// Sharing is safe because stored objects are never changed in place; a draft never writes to its base.
//
// A draft is a Proxy per object or array reached through it. Values a caller assigns (new data, or
// spreads and filters of draft parts, which hold drafts) are searched for drafts when finished.

const DRAFT = Symbol('kubesim.draft');

interface DraftState {
  /** The stored value this draft starts from; never written to. */
  readonly base: any;
  /** The shallow copy made at the first write, then written to. */
  copy: any;
  readonly parent: DraftState | undefined;
  /** Drafts handed out for the base's own children, by key (made at the first). */
  children: Map<PropertyKey, any> | undefined;
  /** Keys given a new value, searched for drafts when finished (made at the first). */
  assigned: Set<PropertyKey> | undefined;
  /** Once finished, the finished value; later writes through the draft are refused. */
  result: any;
  finished: boolean;
}

function draftable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function stateOf(value: unknown): DraftState | undefined {
  return typeof value === 'object' && value !== null ? (value as { [DRAFT]?: DraftState })[DRAFT] : undefined;
}

function source(state: DraftState): any {
  return state.copy ?? state.base;
}

function willWrite(state: DraftState): any {
  if (state.finished) throw new Error('a draft was changed after its write finished: stored objects are never changed in place');
  if (state.copy === undefined) {
    state.copy = Array.isArray(state.base) ? state.base.slice() : { ...state.base };
    if (state.parent) willWrite(state.parent);
  }
  return state.copy;
}

/** obj[key] = value, where a map key `__proto__` (a valid ConfigMap key) stays a key. */
function put(obj: any, key: PropertyKey, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** A proxy's state: an object's draft has its state as its target; an array's, an array holding it. */
function stateIn(target: any): DraftState {
  return Array.isArray(target) ? target[DRAFT as any] : target;
}

function unchanged(state: DraftState, key: PropertyKey, value: unknown): boolean {
  const from = source(state);
  if (!Object.prototype.hasOwnProperty.call(from, key)) return false;
  return Object.is(from[key], value) || (value !== undefined && state.children?.get(key) === value);
}

function assign(state: DraftState, key: PropertyKey, value: unknown): void {
  state.children?.delete(key);
  (state.assigned ??= new Set()).add(key);
  put(willWrite(state), key, value);
}

const handler: ProxyHandler<any> = {
  get(target, key) {
    const state = stateIn(target);
    if (key === DRAFT) return state;
    const from = source(state);
    const value = from[key];
    // A child of the base not yet replaced: hand out (once) a draft of it.
    if (draftable(value) && !state.assigned?.has(key) && Object.prototype.hasOwnProperty.call(from, key)) {
      let child = state.children?.get(key);
      if (!child) (state.children ??= new Map()).set(key, (child = newDraft(value, state)));
      return child;
    }
    return value;
  },
  set(target, key, value) {
    const state = stateIn(target);
    // Writing back what is there already (`x[k] = f(x[k])` with nothing to change) copies nothing.
    if (!unchanged(state, key, value)) assign(state, key, value);
    return true;
  },
  deleteProperty(target, key) {
    const state = stateIn(target);
    const copy = willWrite(state);
    delete copy[key];
    state.children?.delete(key);
    state.assigned?.delete(key);
    return true;
  },
  defineProperty(target, key, descriptor) {
    const state = stateIn(target);
    if ('value' in descriptor && descriptor.enumerable !== false && descriptor.writable !== false) {
      assign(state, key, descriptor.value);
      return true;
    }
    const copy = willWrite(state);
    state.children?.delete(key);
    (state.assigned ??= new Set()).add(key);
    return Reflect.defineProperty(copy, key, descriptor);
  },
  has(target, key) {
    return key === DRAFT || key in source(stateIn(target));
  },
  ownKeys(target) {
    return Reflect.ownKeys(source(stateIn(target)));
  },
  getOwnPropertyDescriptor(target, key) {
    const state = stateIn(target);
    const from = source(state);
    const descriptor = Reflect.getOwnPropertyDescriptor(from, key);
    if (!descriptor) return undefined;
    // An array's length is as unconfigurable on the proxy's target as on the array it stands for.
    if (Array.isArray(from) && key === 'length') return descriptor;
    return { ...descriptor, configurable: true, value: handler.get!(target, key, undefined) };
  },
};

function newDraft(base: object, parent: DraftState | undefined): any {
  const state: DraftState = { base, copy: undefined, parent, children: undefined, assigned: undefined, result: undefined, finished: false };
  // The target makes Array.isArray and the prototype right; its own properties are all configurable,
  // so the proxy may leave them out of its keys.
  if (!Array.isArray(base)) return new Proxy(state, handler);
  const target: any = [];
  target[DRAFT] = state;
  return new Proxy(target, handler);
}

/** A copy-on-write draft of a stored object (or of a private copy the caller owns). */
export function createDraft<T extends object>(base: T): T {
  return newDraft(base, undefined) as T;
}

export function isDraft(value: unknown): boolean {
  return stateOf(value) !== undefined;
}

/**
 * The value a draft stands for now, as plain objects: the base itself if nothing was written, else
 * the copies along the written paths. The draft refuses writes afterwards.
 */
export function finishDraft<T>(draft: T): T {
  const state = stateOf(draft);
  return (state ? finish(state) : draft) as T;
}

function finish(state: DraftState): any {
  if (state.finished) return state.result;
  state.finished = true;
  if (state.copy === undefined) {
    // Nothing below was written to either (a write marks every parent).
    if (state.children) for (const child of state.children.values()) stateOf(child)!.finished = true;
    state.result = state.base;
    return state.base;
  }
  const copy = state.copy;
  if (state.children) for (const [key, child] of state.children) put(copy, key, finish(stateOf(child)!));
  if (state.assigned) for (const key of state.assigned) if (Object.prototype.hasOwnProperty.call(copy, key)) put(copy, key, withoutDrafts(copy[key]));
  state.result = copy;
  return copy;
}

/** A value assigned into a draft, with any draft inside it replaced by its finished value. */
function withoutDrafts(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const state = stateOf(value);
  if (state) return finish(state);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v === 'object' && v !== null) {
        const done = withoutDrafts(v);
        if (done !== v) value[i] = done;
      }
    }
    return value;
  }
  if (!draftable(value)) return value;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'object' && v !== null) {
      const done = withoutDrafts(v);
      // Only a caller's new object holds drafts, so only such objects are written to here.
      if (done !== v) put(value, key, done);
    }
  }
  return value;
}
