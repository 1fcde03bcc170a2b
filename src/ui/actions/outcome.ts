// Every action flashes its outcome in kubectl's words, and every refusal the API's message — on one
// line, since the flash line is one row (several lines of output are joined with `; `).
import { actingStore, type UserInfo } from '../../ops/actingUser.js';
import { actingUserOf, asUser } from '../../rbac/asUser.js';
import type { Store } from '../../store/store.js';
import type { KeyContext } from '../input/keyContext.js';

export function oneLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ');
}

export function flashOutcome(ctx: KeyContext, what: () => string | void): void {
  ctx.attempt(() => {
    let message: string | void;
    try {
      message = what();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      throw new Error(oneLine(text));
    }
    return message ? oneLine(message) : message;
  });
}

/**
 * The store the dashboard's actions write through: as the acting user when the dashboard has one
 * (`--as`; KeyContext.user), so RBAC can be enforced in src/ops/actingUser, the single place.
 */
export function writeStore(ctx: KeyContext & { user?: UserInfo }): Store {
  return actingStore(ctx.cluster.store, ctx.user);
}

/**
 * The acting store for an action whose writes go to a subresource of the object, as kubectl's do
 * (`kubectl scale` patches `deployments/scale`): RBAC is asked for that subresource.
 */
export function subresourceStore(ctx: KeyContext & { user?: UserInfo }, subresource: string): Store {
  const store = writeStore(ctx);
  const acting = actingUserOf(store);
  return acting ? asUser(acting.store, acting.user, { writeSubresource: subresource }) : store;
}
