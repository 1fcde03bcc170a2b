// Handing the terminal to another program and taking it back: leave raw mode and the alternate
// screen (the editor draws on its own), then return to both and have Ink paint the whole frame again
// (Ink only writes what changed, and the screen it drew on was cleared).

const ENTER_ALT_SCREEN = '\x1b[?1049h';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l';
const CLEAR_HOME = '\x1b[H\x1b[2J';

let repaint: (() => void) | undefined;

/** The dashboard registers how to make Ink repaint everything (see ScreenBridge). */
export function setRepaint(fn: (() => void) | undefined): void {
  repaint = fn;
}

/** Returns whether stdin was in raw mode, for resumeScreen. */
export function suspendScreen(stdin: NodeJS.ReadStream = process.stdin, stdout: NodeJS.WriteStream = process.stdout): boolean {
  const wasRaw = Boolean(stdin.isTTY && stdin.isRaw);
  if (wasRaw) stdin.setRawMode(false);
  stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  return wasRaw;
}

export function resumeScreen(wasRaw: boolean, stdin: NodeJS.ReadStream = process.stdin, stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + CLEAR_HOME);
  if (wasRaw && stdin.isTTY) stdin.setRawMode(true);
  repaint?.();
}
