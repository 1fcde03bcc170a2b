// How deep a document nests, measured without recursion. The YAML composer and much of the code
// after it recurse once per level: a hostile document thousands of levels deep would exhaust the
// stack (and V8 has been seen to abort the whole process, not throw, when that happens while it
// compiles a regular expression). So depth is measured first, on the parser's tokens, and again on
// the value the document expands to (aliases can stack one deep structure inside another).
import type { CST } from 'yaml';

/** Collections may nest this deep (the same bound strict decoding applies to any field). */
export const MAX_NESTING_DEPTH = 100;

/** The offset of the first collection nested deeper than `limit` in a parser token, if any. */
export function tooDeepToken(root: CST.Token, limit = MAX_NESTING_DEPTH): number | undefined {
  const stack: Array<{ token: CST.Token; depth: number }> = [{ token: root, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { token, depth } = item;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const inner = depth + 1;
        if (inner > limit) return token.offset;
        for (const entry of token.items as Array<{ key?: CST.Token | null; value?: CST.Token }>) {
          if (entry.key) stack.push({ token: entry.key, depth: inner });
          if (entry.value) stack.push({ token: entry.value, depth: inner });
        }
        break;
      }
      default:
        break; // scalars, aliases, comments, errors: nothing nests inside them
    }
  }
  return undefined;
}

/**
 * Whether a plain value nests containers deeper than `limit`. A value shared by several aliases is
 * walked again only when reached deeper than before, so an alias bomb cannot make this exponential.
 */
export function valueTooDeep(value: unknown, limit = MAX_NESTING_DEPTH): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  const deepest = new Map<object, number>();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const v = item.value;
    if (typeof v !== 'object' || v === null) continue;
    const depth = item.depth + 1;
    if (depth > limit) return true;
    if ((deepest.get(v) ?? 0) >= depth) continue;
    deepest.set(v, depth);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push({ value: child, depth });
  }
  return false;
}
