// Drives the real `bin/kubesim.js` inside a detached tmux session on a server of its own
// (`tmux -L kubesim-e2e-<pid>-<n>`), the way a user at a terminal would: one key per send-keys call
// with a pause between keys, the screen read back with capture-pane. The app runs outside CI's
// environment: under CI=true Ink draws only its last frame, and chalk turns colours off whenever a
// CI variable exists at all (even CI=false), so CI, CI_* and the test runner's FORCE_COLOR are removed. After the app exits, the shell prints `KUBESIM_EXIT=<code>` on the
// main screen and waits, so the test can read the code and the restored terminal state.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const ROOT = resolve(import.meta.dirname, '../..');
const KEY_PAUSE_MS = 150;
let sessions = 0;

export function haveTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface TmuxAppOptions {
  cols?: number;
  rows?: number;
  /** Arguments after `node bin/kubesim.js`. */
  args?: string[];
  /** Extra environment for the app (TERM defaults to xterm-256color). */
  env?: Record<string, string>;
  /** Shell text after the app's command, before `; echo KUBESIM_EXIT=...` (e.g. `| cat`). */
  pipe?: string;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class TmuxApp {
  readonly socket = `kubesim-e2e-${process.pid}-${++sessions}`;
  private readonly target = 'app';
  /** Preferences of this run only: the dashboard saves speed and pane on exit, and one test's pause must not start the next one paused. */
  private readonly configDir = mkdtempSync(join(tmpdir(), 'kubesim-e2e-config-'));

  constructor(private readonly options: TmuxAppOptions = {}) {}

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  }

  start(): this {
    const env = { TERM: 'xterm-256color', KUBESIM_CONFIG_DIR: this.configDir, ...(this.options.env ?? {}) };
    const assignments = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`).join(' ');
    const app = `env -u CI -u FORCE_COLOR -u NO_COLOR ${assignments} node bin/kubesim.js ${(this.options.args ?? []).map(quote).join(' ')}`;
    const command = `cd ${quote(ROOT)} && ${app} ${this.options.pipe ?? ''}; echo KUBESIM_EXIT=$?; sleep 120`;
    this.tmux('new-session', '-d', '-s', this.target, '-x', String(this.options.cols ?? 100), '-y', String(this.options.rows ?? 30), command);
    // The session must keep the size we asked for, whatever clients attach.
    this.tmux('set-option', '-t', this.target, 'window-size', 'manual');
    return this;
  }

  /** The visible screen, one string per row (trailing spaces trimmed by tmux). */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.target);
  }

  /** The screen with lines that wrapped joined back (a line longer than the width shows up longer). */
  joinedScreen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', this.target);
  }

  /** The screen with its SGR escapes (colours, bold, inverse). */
  styledScreen(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', this.target);
  }

  display(format: string): string {
    return this.tmux('display-message', '-p', '-t', this.target, format).trim();
  }

  /** One key (a tmux key name like Enter, Escape, C-c, or a single character), then a pause. */
  async key(key: string): Promise<void> {
    const literal = key.length === 1;
    this.tmux('send-keys', '-t', this.target, ...(literal ? ['-l', key] : [key]));
    await delay(KEY_PAUSE_MS);
  }

  /** Text sent as it is, in one go (`send-keys -l`): the app reads it as a paste. No pause. */
  sendLiteral(text: string): void {
    this.tmux('send-keys', '-t', this.target, '-l', text);
  }

  /** A tmux key name (Up, C-a, F5, ...), without the pause `key` makes. */
  sendKey(key: string): void {
    this.tmux('send-keys', '-t', this.target, key);
  }

  async type(text: string): Promise<void> {
    for (const ch of text) await this.key(ch);
  }

  /** The prompt row (the last row with text). */
  promptLine(screen = this.screen()): string {
    const rows = screen.split('\n').filter((l) => l.trim());
    return rows[rows.length - 1] ?? '';
  }

  /**
   * `:text` Enter, checking the prompt after every key: a busy machine may hold keys back and
   * deliver several in one read, which the app takes as a paste.
   */
  async command(text: string): Promise<void> {
    await this.key(':');
    await this.waitFor((s) => this.promptLine(s).startsWith(':'), 'the command prompt');
    let typed = '';
    for (const ch of text) {
      typed += ch;
      await this.key(ch);
      // tmux trims trailing blanks, so a space typed last shows once the next character follows it.
      await this.waitFor((s) => this.promptLine(s).startsWith(`:${typed.trimEnd()}`), `the prompt to read :${typed}`);
    }
    await this.key('Enter');
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.tmux('resize-window', '-t', this.target, '-x', String(cols), '-y', String(rows));
    await delay(KEY_PAUSE_MS);
  }

  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const screen = this.screen();
      if (predicate(screen)) return screen;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
      await delay(100);
    }
  }

  /** Waits for the first frame, then a little more: raw mode is switched on just after it is painted. */
  async ready(): Promise<string> {
    const screen = await this.waitFor((s) => /^kubesim\s+\S+\s/.test(s) && /─ .*\[\d+\]/.test(s), 'the first frame', 30_000);
    await delay(400);
    return screen;
  }

  /** The exit code the shell printed after the app ended. */
  async exitCode(timeoutMs = 30_000): Promise<number> {
    const screen = await this.waitFor((s) => /KUBESIM_EXIT=\d+/.test(s), 'the app to exit', timeoutMs);
    return Number(/KUBESIM_EXIT=(\d+)/.exec(screen)![1]);
  }

  /** The pid of the app (the shell's child). */
  appPid(): number {
    const shell = Number(this.display('#{pane_pid}'));
    // /proc/<pid>/stat: `pid (comm) state ppid ...`; comm may hold spaces, so read after the last `)`.
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === shell) return Number(entry);
      } catch {
        // the process ended while we looked
      }
    }
    throw new Error(`no child of the pane's shell (${shell})`);
  }

  stop(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    rmSync(this.configDir, { recursive: true, force: true });
  }
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
  for (const name of Object.keys(env)) if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) delete env[name];
  delete env.TMUX;
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  return env;
}
