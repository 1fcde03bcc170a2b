// When the current macrotask began: timers and immediates are wrapped so a frame written to the
// terminal can be charged to the task that produced it (a key, the dashboard's frame timer, Ink's
// render throttle). Installed before React and Ink load, since they keep references to the timer
// functions they find. Bench-only instrumentation.

export const taskClock = { start: performance.now() };

let installed = false;

export function installTaskClock(): void {
  if (installed) return;
  installed = true;
  const g = globalThis as Record<string, unknown>;
  for (const name of ['setTimeout', 'setInterval', 'setImmediate'] as const) {
    const original = g[name] as (fn: (...a: unknown[]) => unknown, ...rest: unknown[]) => unknown;
    const wrapped = (fn: unknown, ...rest: unknown[]) => {
      if (typeof fn !== 'function') return original(fn as never, ...rest);
      return original((...args: unknown[]) => {
        taskClock.start = performance.now();
        return (fn as (...a: unknown[]) => unknown)(...args);
      }, ...rest);
    };
    Object.assign(wrapped, original); // keeps util.promisify.custom and friends
    g[name] = wrapped;
  }
}
