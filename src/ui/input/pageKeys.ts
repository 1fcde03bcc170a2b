// Key handlers of the pages that are not resource tables, by page type.
import type { PageKeyHandler } from './keyContext.js';
import { canKeys } from './canKeys.js';
import { containersKeys } from './containersKeys.js';
import { decisionsKeys } from './decisionsKeys.js';
import { textPageKeys } from './describeKeys.js';
import { logsKeys } from './logsKeys.js';
import { scrollKeys } from './scrollKeys.js';
import { textScroll } from './textScroll.js';
import { timelineKeys } from './timelineKeys.js';
import { xrayKeys } from './xrayKeys.js';

export const pageKeyHandlers: Partial<Record<string, PageKeyHandler>> = {
  decisions: decisionsKeys,
  help: scrollKeys,
  describe: textPageKeys,
  yaml: textPageKeys,
  logs: logsKeys,
  containers: containersKeys,
  xray: xrayKeys,
  pulse: textScroll,
  can: canKeys,
  timeline: timelineKeys,
};
