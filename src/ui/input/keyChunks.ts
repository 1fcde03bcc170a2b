// Ink 6.8 hands keys that arrive in one read to the handler as one input: `jjj` as one "paste", and
// Esc followed by `y` as alt-y. Over SSH, or while a simulation slice holds the event loop, a person's
// separate key presses arrive exactly like that, so we split them back into single keys.
import type { Key } from 'ink';

const PRINTABLE = /^[\x20-\x7e]+$/;

export type KeyPress = [input: string, key: Key];

function plain(key: Key, ch: string): Key {
  return { ...key, meta: false, escape: false, shift: /[A-Z]/.test(ch) };
}

/**
 * The presses behind one input. `takesText()` is asked before each press: once a key opened a text
 * prompt (`/`, `:`, a question), the rest goes to it whole, as the paste it may be.
 */
export function* splitKeys(input: string, key: Key, takesText: () => boolean): Generator<KeyPress> {
  if (key.ctrl || takesText() || !PRINTABLE.test(input)) {
    yield [input, key];
    return;
  }
  if (key.meta && !key.escape && input.length === 1) {
    yield ['', { ...key, escape: true, meta: true, shift: false }];
    yield [input, plain(key, input)];
    return;
  }
  if (key.meta || input.length === 1) {
    yield [input, key];
    return;
  }
  for (let i = 0; i < input.length; i++) {
    if (i > 0 && takesText()) {
      yield [input.slice(i), plain(key, '')];
      return;
    }
    yield [input[i]!, plain(key, input[i]!)];
  }
}
