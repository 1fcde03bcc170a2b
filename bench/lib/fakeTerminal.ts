// A terminal for the dashboard without a terminal: a TTY-like stdout of a fixed size that timestamps
// every frame Ink writes, and a raw-mode stdin the benchmark types into (as ink-testing-library's,
// but with Ink's real throttled, non-debug rendering).
import { EventEmitter } from 'node:events';
import { taskClock } from './taskClock.js';

export interface Frame {
  at: number;
  /** Wall milliseconds since the task that wrote it started. */
  taskMs: number;
  /** The frame as plain lines (escape sequences removed). */
  lines: string[];
}

const ESCAPES = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>]/g;

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  frames = 0;
  last: Frame | undefined;
  private readonly listenersForFrames = new Set<(frame: Frame) => void>();

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }

  write(chunk: string | Uint8Array, encoding?: unknown, callback?: () => void): boolean {
    const at = performance.now();
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const plain = text.replace(ESCAPES, '');
    // Ink writes whole frames (plus cursor and synchronized-update markers, which carry no text).
    if (plain.trim().length > 0) {
      const frame: Frame = { at, taskMs: at - taskClock.start, lines: plain.split('\n') };
      this.frames++;
      this.last = frame;
      for (const l of this.listenersForFrames) l(frame);
    }
    const cb = typeof encoding === 'function' ? (encoding as () => void) : callback;
    cb?.();
    return true;
  }

  onFrame(listener: (frame: Frame) => void): () => void {
    this.listenersForFrames.add(listener);
    return () => this.listenersForFrames.delete(listener);
  }

  getColorDepth(): number {
    return 8;
  }

  hasColors(): boolean {
    return true;
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;

  /** One key (or escape sequence) arriving from the terminal. */
  type(data: string): void {
    taskClock.start = performance.now();
    this.pending = data;
    this.emit('readable');
    this.emit('data', data);
  }

  read(): string | null {
    const data = this.pending;
    this.pending = null;
    return data;
  }

  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}
