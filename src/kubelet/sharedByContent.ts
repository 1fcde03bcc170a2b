// What the kubelet works out afresh for every container but that comes out the same for most of
// them: the environment (the Service variables of the namespace, the template's own variables).
// Equal results are kept once. The kubelet never changes them after they are made, so sharing
// cannot be seen.
import { BoundedCache } from '../util/boundedCache.js';
import { FlatTexts } from '../util/flatTexts.js';

/** Distinct values remembered at most; past that the table starts again (sharing is an optimisation). */
const LIMIT = 4096;

class ContentTable<T extends object> {
  private readonly known = new BoundedCache<string, T>(LIMIT);
  /** Values already kept (or made shared elsewhere): no key needed to know them. */
  private readonly kept = new WeakSet<T>();

  has(value: T): boolean {
    return this.kept.has(value);
  }

  /** A value that is shared already (never changed by anyone): taken as it is. */
  adopt(value: T): void {
    this.kept.add(value);
  }

  /** The first value kept under this key, or `value` (then kept). */
  share(key: string, value: T): T {
    const found = this.known.get(key);
    if (found !== undefined) return found;
    this.known.set(key, value);
    this.kept.add(value);
    return value;
  }
}

const environments = new ContentTable<Readonly<Record<string, string>>>();

/** One instance for equal environments (same variables in the same order). */
export function shareEnv(env: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  if (environments.has(env)) return env;
  return environments.share(JSON.stringify(env), env);
}

/** An environment made once for many containers (a namespace's Service variables): shared as it is. */
export function sharedEnvironment(env: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  environments.adopt(env);
  return env;
}

const texts = new FlatTexts(LIMIT);

/** One flat copy of a text many containers keep (a program's summary, `runs until stopped: nginx server`). */
export function sharedText(text: string): string {
  return texts.get(text);
}
