// Selection movement for the list pages that are not resource tables (containers, xray, can):
// j/k and arrows, page up and down, g/G and Home/End.
import type { Key, KeyContext } from './keyContext.js';

/** The new selected index, or undefined when the key is not a movement key. */
export function listMove(ctx: KeyContext, input: string, key: Key, selected: number, count: number): number | undefined {
  const page = Math.max(1, ctx.view.bodyHeight);
  let to: number | undefined;
  if (key.downArrow || input === 'j') to = selected + 1;
  else if (key.upArrow || input === 'k') to = selected - 1;
  else if (key.pageDown || (key.ctrl && input === 'f')) to = selected + page;
  else if (key.pageUp || (key.ctrl && input === 'b')) to = selected - page;
  else if (input === 'g' || (key as { home?: boolean }).home) to = 0;
  else if (input === 'G' || (key as { end?: boolean }).end) to = count - 1;
  return to === undefined ? undefined : Math.max(0, Math.min(count - 1, to));
}
