// Key handlers of the pages that are not resource tables, by page type.
import type { PageKeyHandler } from './keyContext.js';
import { decisionsKeys } from './decisionsKeys.js';
import { scrollKeys } from './scrollKeys.js';

export const pageKeyHandlers: Partial<Record<string, PageKeyHandler>> = {
  decisions: decisionsKeys,
  help: scrollKeys,
};
