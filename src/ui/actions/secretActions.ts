// `x` on a secret: its YAML with the values decoded (they stay masked everywhere else).
import { refOf } from '../../events/decisionLog.js';
import type { ResourceAction } from './types.js';

export const decodeAction: ResourceAction = {
  key: 'x',
  description: 'decode: show the values in clear text (masked everywhere else)',
  hint: 'decode',
  kinds: ['Secret'],
  run: (ctx, obj) => ctx.dispatch({ type: 'push', page: { type: 'yaml', ref: refOf(obj), scroll: 0, decoded: true } }),
};

export const SECRET_ACTIONS = [decodeAction];
