// Every action flashes its outcome in kubectl's words, and every refusal the API's message — on one
// line, since the flash line is one row (several lines of output are joined with `; `).
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
