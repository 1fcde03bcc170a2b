// The one place where the acting user meets the store. Every operation in src/ops/ writes through
// `actingStore(store, user)`: each write (create, update, modify, patch, delete) carries the user in
// its WriteOptions, so admission sees who asked. RBAC enforcement for `--as` belongs here too: check
// the request before forwarding the write.
import type { Store } from '../store/store.js';
import type { UserInfo } from '../store/admission.js';

export type { UserInfo };

const WRITES = new Set(['create', 'update', 'updateStatus', 'modify', 'patch', 'delete']);

/** Where each write method takes its options object (0-based argument index). */
const OPTIONS_ARG: Record<string, number> = { create: 1, update: 1, updateStatus: 1, modify: 4, patch: 4, delete: 3 };

/**
 * The store as seen by one user: reads pass through; writes carry `user`. Without a user the store
 * itself is returned (the dashboard's default: the cluster admin).
 */
export function actingStore(store: Store, user: UserInfo | undefined): Store {
  if (!user) return store;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !WRITES.has(property) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const at = OPTIONS_ARG[property];
        const given = (args[at] as object | undefined) ?? {};
        args[at] = { ...given, user };
        return (value as (...a: unknown[]) => unknown).apply(receiver, args);
      };
    },
  });
}
