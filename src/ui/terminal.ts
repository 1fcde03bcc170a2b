// Terminal hygiene: the dashboard draws on the alternate screen, and whatever happens (quit, crash,
// ctrl-c, SIGTERM, SIGHUP) the user's terminal comes back as it was: main screen, cursor visible,
// raw mode off.

const ENTER_ALT_SCREEN = '\x1b[?1049h';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l';

let active = false;

export function enterFullScreen(stdout: NodeJS.WriteStream = process.stdout): void {
  if (active) return;
  active = true;
  stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + '\x1b[H\x1b[2J');
}

/** Idempotent: safe to call from every exit path. */
export function restoreTerminal(stdout: NodeJS.WriteStream = process.stdout): void {
  if (!active) return;
  active = false;
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // stdin may already be closed; nothing left to restore there.
  }
  stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
}

/**
 * Installs handlers so every way out restores the terminal. Ink's own signal handling re-raises the
 * signal before 'exit' runs, which would leave the alternate screen on; these run first.
 */
export function installExitHandlers(onExit: () => void): () => void {
  const exitWith = (code: number) => () => {
    onExit();
    restoreTerminal();
    process.exit(code);
  };
  const onSigint = exitWith(130);
  const onSigterm = exitWith(143);
  const onSighup = exitWith(129);
  const onCrash = (error: unknown) => {
    onExit();
    restoreTerminal();
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`kubesim: the dashboard stopped because of an internal error: ${message}\nYour terminal has been restored. This is a bug in kubesim; please report it.\n`);
    if (process.env.KUBESIM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(70);
  };
  const onProcessExit = () => restoreTerminal();
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  process.on('SIGHUP', onSighup);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', onProcessExit);
  return () => {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    process.off('SIGHUP', onSighup);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('exit', onProcessExit);
  };
}
