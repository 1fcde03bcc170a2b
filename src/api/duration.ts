// Durations as people type them (`30s`, `1h30m`, `2d`) and as kubectl prints them (the AGE column).
// Everything is in milliseconds, the unit of the simulation clock.

export class DurationError extends Error {
  constructor(readonly input: string) {
    super(
      `invalid duration ${JSON.stringify(input)}: use a number with a unit, e.g. 30s, 5m, 1h30m, 500ms or 2d ` +
        '(units: ms, s, m, h, d; us and ns also work; a bare number means seconds)',
    );
    this.name = 'DurationError';
  }
}

const MS_PER: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  // Go has no days; we accept them because `--for 2d` is what people write.
  d: 86_400_000,
};

const BARE_NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
// One `<number><unit>` piece of a Go-style duration such as `1h30m` or `1.5s`.
const PIECE = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/y;

/**
 * Milliseconds in a duration: Go's syntax (`1h30m`, `1.5s`, `500ms`) plus days (`2d`); a bare
 * number is seconds. Negative durations are refused: nothing in kubesim waits backwards.
 */
export function parseDuration(input: string): number {
  const s = input.trim().replace(/^\+/, '');
  if (BARE_NUMBER.test(s)) return toMillis(s, 1000);
  if (s.length === 0) throw new DurationError(input);
  let total = 0;
  PIECE.lastIndex = 0;
  while (PIECE.lastIndex < s.length) {
    const match = PIECE.exec(s);
    if (!match) throw new DurationError(input);
    total += toMillis(match[1], MS_PER[match[2]]);
  }
  return roundToNanos(total);
}

// Decimal fractions are inexact in binary (1.001 × 1000 = 1000.9999999999999); a duration is never
// finer than a nanosecond, so rounding there gives back the number the user meant.
const roundToNanos = (ms: number) => Math.round(ms * 1e6) / 1e6;
const toMillis = (amount: string, msPerUnit: number) => roundToNanos(Number(amount) * msPerUnit);

export function tryParseDuration(input: string): number | undefined {
  try {
    return parseDuration(input);
  } catch (e) {
    if (e instanceof DurationError) return undefined;
    throw e;
  }
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * kubectl's AGE text (apimachinery duration.HumanDuration): about two significant units, e.g.
 * `90s`, `5m30s`, `45m`, `5h30m`, `30h`, `3d5h`, `45d`, `3y45d`, `10y`. Slightly negative ages
 * (clock skew) read `0s`, more negative ones `<invalid>`.
 */
export function formatAge(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/**
 * An exact, compact duration for the decision log: `500ms`, `1.5s`, `1m30s`, `2h`, `1d3h`.
 * Zero units are left out; parseDuration reads the result back to the same number of milliseconds.
 */
export function formatDurationShort(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDurationShort(-ms)}`;
  const whole = Math.round(ms);
  if (whole === 0) return '0s';
  if (whole < SECOND) return `${whole}ms`;
  const days = Math.floor(whole / (24 * HOUR));
  const hours = Math.floor((whole % (24 * HOUR)) / HOUR);
  const minutes = Math.floor((whole % HOUR) / MINUTE);
  const millis = whole % MINUTE;
  let out = '';
  if (days) out += `${days}d`;
  if (hours) out += `${hours}h`;
  if (minutes) out += `${minutes}m`;
  // Seconds keep their milliseconds as a decimal fraction: 61500 → 1m1.5s.
  if (millis) out += `${millis / SECOND}s`;
  return out;
}
