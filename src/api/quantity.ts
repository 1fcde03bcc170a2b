// Kubernetes resource quantities (`500m`, `1.5Gi`, `1e3`) with the semantics of apimachinery's
// resource.Quantity: the same grammar, the same rounding (up, to the nano), the same canonical text.
//
// The amount is held as a bigint count of nano-units. Parsing never keeps anything finer than 1n
// (Kubernetes rounds it up), so this is exact for every quantity a manifest can express.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The amount in units of 10^-9. */
  readonly nanos: bigint;
  /** Which family of suffixes the quantity is printed with. */
  readonly format: QuantityFormat;
  /**
   * The text exactly as written, when Kubernetes keeps it instead of re-canonicalizing
   * (it does so for inputs that already look canonical, e.g. `100m`, `1Ki`, `1e3`).
   */
  readonly written?: string;
}

/** The three messages apimachinery uses, kept verbatim because users paste them into searches. */
const FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUFFIX_WRONG = "unable to parse quantity's suffix";
const TOO_LARGE = 'quantity is too large to represent';

export class QuantityError extends Error {
  constructor(
    message: string,
    /** What the user wrote. */
    readonly input: string,
  ) {
    super(message);
    this.name = 'QuantityError';
  }
}

const NANOS_PER_UNIT = 1_000_000_000n;
const NANOS_PER_MILLI = 1_000_000n;
// BinarySI quantities are capped at int64's maximum, as in Kubernetes.
const MAX_BINARY_NANOS = (2n ** 63n - 1n) * NANOS_PER_UNIT;
// Guard against `1e99999999` allocating a gigantic bigint; no real quantity is anywhere near this.
const MAX_DECIMAL_SHIFT = 10_000;
// Go parses the exponent as int32 and rejects anything beyond ±MaxInt32.
const MAX_EXPONENT = 2_147_483_647;

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const SUFFIXES: Record<string, Suffix> = {
  '': { base: 10, exponent: 0, format: 'DecimalSI' },
  n: { base: 10, exponent: -9, format: 'DecimalSI' },
  u: { base: 10, exponent: -6, format: 'DecimalSI' },
  m: { base: 10, exponent: -3, format: 'DecimalSI' },
  k: { base: 10, exponent: 3, format: 'DecimalSI' },
  M: { base: 10, exponent: 6, format: 'DecimalSI' },
  G: { base: 10, exponent: 9, format: 'DecimalSI' },
  T: { base: 10, exponent: 12, format: 'DecimalSI' },
  P: { base: 10, exponent: 15, format: 'DecimalSI' },
  E: { base: 10, exponent: 18, format: 'DecimalSI' },
  Ki: { base: 2, exponent: 10, format: 'BinarySI' },
  Mi: { base: 2, exponent: 20, format: 'BinarySI' },
  Gi: { base: 2, exponent: 30, format: 'BinarySI' },
  Ti: { base: 2, exponent: 40, format: 'BinarySI' },
  Pi: { base: 2, exponent: 50, format: 'BinarySI' },
  Ei: { base: 2, exponent: 60, format: 'BinarySI' },
};

const DECIMAL_SUFFIX_BY_EXPONENT: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};
const BINARY_SUFFIX_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function interpretSuffix(suffix: string): Suffix | undefined {
  if (Object.hasOwn(SUFFIXES, suffix)) return SUFFIXES[suffix];
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const exponent = Number(rest);
    if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const SUFFIX_LETTERS = 'eEinumkKMGTP';

interface Scanned {
  negative: boolean;
  /** Integer digits with leading zeros removed; '0' when there were none. */
  num: string;
  /** Fraction digits as written. */
  denom: string;
  suffix: string;
}

/** Splits `-1.5Gi` into sign, digits and suffix the way apimachinery's scanner does. */
function scan(str: string): Scanned {
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    pos++;
  }
  const numberStart = pos;
  while (str[pos] === '0') pos++;
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  // Kubernetes reads `-`, `.` and `Ki` as zero; a number without a single digit is a typo, so refuse it.
  if (!/[0-9]/.test(str.slice(numberStart, pos))) throw new QuantityError(FORMAT_WRONG, str);

  const suffixStart = pos;
  while (pos < str.length && SUFFIX_LETTERS.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos !== str.length) throw new QuantityError(FORMAT_WRONG, str);
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

/** Divides, rounding any remainder up (away from zero for the non-negative inputs used here). */
function divideRoundingUp(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  return value % divisor === 0n ? quotient : quotient + 1n;
}

/** value × 10^shift for a non-negative value, rounding a fractional result up to the next integer. */
function shiftDecimal(value: bigint, digitCount: number, shift: number, input: string): bigint {
  if (shift >= 0) {
    if (shift > MAX_DECIMAL_SHIFT && value !== 0n) throw new QuantityError(TOO_LARGE, input);
    return value * 10n ** BigInt(shift);
  }
  if (value === 0n) return 0n;
  // Dividing by more digits than the value has leaves less than one nano: Kubernetes rounds that to 1n.
  if (-shift > digitCount) return 1n;
  return divideRoundingUp(value, 10n ** BigInt(-shift));
}

/** The text Kubernetes keeps verbatim (its fast path) instead of printing the canonical form. */
function keptText(str: string, scanned: Scanned, suffix: Suffix): string | undefined {
  const { num, denom } = scanned;
  if (suffix.format === 'BinarySI') {
    if (denom.length > 0) return undefined;
    const precision = 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
    if (precision < 0) return undefined;
    // Numbers divisible by 8 might fold into a bigger suffix (1024Mi → 1Gi), so they are recomputed.
    return Number(num) % 8 !== 0 ? str : undefined;
  }
  if (18 - (num.length + denom.length) < 0) return undefined;
  const scale = suffix.exponent - denom.length;
  if (scale < -9 || scale % 3 !== 0) return undefined;
  const shifted = num + denom;
  return !shifted.endsWith('000') && shifted[0] !== '0' ? str : undefined;
}

/** Parses a quantity as the API server would; numbers are taken as the JSON text they would be. */
export function parseQuantity(input: string | number): Quantity {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new QuantityError(FORMAT_WRONG, String(input));
    input = String(input);
  }
  const str = input;
  if (str.length === 0) throw new QuantityError(FORMAT_WRONG, str);
  if (str === '0') return freeze({ nanos: 0n, format: 'DecimalSI', written: '0' });

  const scanned = scan(str);
  const suffix = interpretSuffix(scanned.suffix);
  if (suffix === undefined) throw new QuantityError(SUFFIX_WRONG, str);

  const digits = BigInt(scanned.num + scanned.denom);
  const digitCount = scanned.num.length + scanned.denom.length;
  let format = suffix.format;
  let nanos: bigint;
  if (suffix.base === 10) {
    nanos = shiftDecimal(digits, digitCount, suffix.exponent - scanned.denom.length + 9, str);
  } else {
    const whole = digits << BigInt(suffix.exponent);
    nanos = shiftDecimal(whole, whole.toString().length, 9 - scanned.denom.length, str);
    if (nanos > MAX_BINARY_NANOS) nanos = MAX_BINARY_NANOS;
    // A binary amount below one can only be printed in decimal.
    if (nanos > 0n && nanos < NANOS_PER_UNIT) format = 'DecimalSI';
  }
  if (scanned.negative) nanos = -nanos;
  const written = keptText(str, scanned, suffix);
  return freeze(written === undefined ? { nanos, format } : { nanos, format, written });
}

export function tryParseQuantity(input: string | number | undefined | null): Quantity | undefined {
  if (input === undefined || input === null) return undefined;
  try {
    return parseQuantity(input);
  } catch (e) {
    if (e instanceof QuantityError) return undefined;
    throw e;
  }
}

function freeze(q: Quantity): Quantity {
  return Object.freeze(q);
}

/** A quantity of `value` whole units (bytes, cores, pods), like resource.NewQuantity. */
export function newQuantity(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return freeze({ nanos: unitsToNanos(value, NANOS_PER_UNIT), format });
}

/** A quantity of `millis` thousandths, like resource.NewMilliQuantity (`250` → `250m`). */
export function newMilliQuantity(millis: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return freeze({ nanos: unitsToNanos(millis, NANOS_PER_MILLI), format });
}

function unitsToNanos(value: number | bigint, scale: bigint): bigint {
  if (typeof value === 'bigint') return value * scale;
  if (!Number.isFinite(value)) throw new QuantityError(FORMAT_WRONG, String(value));
  if (Number.isInteger(value)) return BigInt(value) * scale;
  // Fractions round up to the next nano, like parsing does.
  const scaled = value * Number(scale);
  return BigInt(scaled > 0 ? Math.ceil(scaled) : Math.floor(scaled));
}

/** ceil(q × 10^-scale) away from zero, as ScaledValue does. */
function scaledValue(q: Quantity, nanosPerStep: bigint): number {
  const magnitude = q.nanos < 0n ? -q.nanos : q.nanos;
  const steps = divideRoundingUp(magnitude, nanosPerStep);
  return Number(q.nanos < 0n ? -steps : steps);
}

/** The amount in thousandths, rounded up: `100m` → 100, `1` → 1000, `1n` → 1 (MilliValue). */
export function milliValue(q: Quantity): number {
  return scaledValue(q, NANOS_PER_MILLI);
}

/** The amount in whole units, rounded up: `1500m` → 2, `1Ki` → 1024 (Value). */
export function value(q: Quantity): number {
  return scaledValue(q, NANOS_PER_UNIT);
}

/** A float for ratios and charts; never use it to decide fits (AsApproximateFloat64). */
export function approximateValue(q: Quantity): number {
  return Number(q.nanos) / 1e9;
}

export function isZeroQuantity(q: Quantity): boolean {
  return q.nanos === 0n;
}

/** The sum keeps a's format, unless a is zero; then it takes b's (Quantity.Add). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return freeze({ nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format });
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return freeze({ nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format });
}

/** -1, 0 or 1, for sorting and for "does it fit" checks. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** The text Kubernetes prints for a quantity (Quantity.String): `0.5` → `500m`, `1024Mi` → `1Gi`. */
export function formatQuantity(q: Quantity): string {
  return q.written ?? canonicalText(q.nanos, q.format);
}

function canonicalText(nanos: bigint, format: QuantityFormat): string {
  if (nanos === 0n) return '0';
  if (format === 'BinarySI') {
    const limit = 1024n * NANOS_PER_UNIT;
    // Small and fractional binary amounts print as decimal so nothing is rounded (1.5 → 1500m).
    if ((nanos > -limit && nanos < limit) || nanos % NANOS_PER_UNIT !== 0n) {
      format = 'DecimalSI';
    } else {
      const binary = binaryText(nanos / NANOS_PER_UNIT);
      if (binary !== undefined) return binary;
      // Beyond Ei there is no binary suffix; Kubernetes falls back to exponent notation.
      format = 'DecimalExponent';
    }
  }
  return decimalText(nanos, format);
}

/** `1536Mi` for a whole number of bytes; undefined when it needs a suffix beyond Ei. */
function binaryText(units: bigint): string | undefined {
  let mantissa = units;
  let power = 0;
  while (mantissa % 1024n === 0n) {
    mantissa /= 1024n;
    power++;
  }
  if (power >= BINARY_SUFFIX_BY_POWER.length) return undefined;
  return `${mantissa}${BINARY_SUFFIX_BY_POWER[power]}`;
}

/** Largest exponent that is a multiple of three and loses nothing: 1500000000n → `1500m`. */
function decimalText(nanos: bigint, format: QuantityFormat): string {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const extra = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(extra);
  exponent -= extra;
  if (format === 'DecimalSI') {
    const suffix = DECIMAL_SUFFIX_BY_EXPONENT[exponent];
    if (suffix !== undefined) return `${mantissa}${suffix}`;
  }
  return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
}

/** CPU in the form kubectl shows: 250 → `250m`, 2000 → `2`, 1500 → `1500m`. */
export function formatCpuMillis(millis: number): string {
  return formatQuantity(newMilliQuantity(millis, 'DecimalSI'));
}

/**
 * Memory in Kubernetes' canonical binary form: 536870912 → `512Mi`, 1073741824 → `1Gi`;
 * amounts no binary suffix divides stay plain (1500000 → `1500000`), and below 1Ki Kubernetes
 * switches to decimal (1000 → `1k`).
 */
export function formatBytes(bytes: number): string {
  return formatQuantity(newQuantity(bytes, 'BinarySI'));
}

/** A rounded, readable size for dashboards (not exact): 1610612736 → `1.5Gi`, 1000 → `1000`. */
export function formatBytesHuman(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let amount = Math.abs(bytes);
  let power = 0;
  while (amount >= 1024 && power < BINARY_SUFFIX_BY_POWER.length - 1) {
    amount /= 1024;
    power++;
  }
  // Below ten units one decimal is worth showing; above it, it is noise.
  let shown = amount < 10 ? Math.round(amount * 10) / 10 : Math.round(amount);
  if (shown >= 1024 && power < BINARY_SUFFIX_BY_POWER.length - 1) {
    shown = 1;
    power++;
  }
  return `${sign}${shown}${BINARY_SUFFIX_BY_POWER[power]}`;
}
