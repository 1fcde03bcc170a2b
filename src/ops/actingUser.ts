// The one place where the acting user meets the store. Every operation in src/ops/ works through
// `actingStore(store, user)`: with `--as`, each read and write is authorized by RBAC first (refused
// with the apiserver's 403 text) and each write carries the user in its WriteOptions, so admission
// sees who asked (see src/rbac/asUser.ts).
import { asUser } from '../rbac/asUser.js';
import type { Store } from '../store/store.js';
import type { UserInfo } from '../store/admission.js';

export type { UserInfo };

/**
 * The store as seen by one user. Without a user the store itself is returned (the dashboard's
 * default: the cluster admin).
 */
export function actingStore(store: Store, user: UserInfo | undefined): Store {
  return user ? asUser(store, user) : store;
}
