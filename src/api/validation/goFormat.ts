// How the apiserver prints a bad value: Go's `%q` for strings, `%v` for numbers, and `%#v` for maps,
// slices and structs. Users grep for these texts, so the shapes follow Go's fmt exactly where they can.

/** A value already rendered the way Go prints it (a `%#v` struct dump or a Stringer's output). */
export class GoLiteral {
  constructor(readonly text: string) {}
}

export const goLiteral = (text: string): GoLiteral => new GoLiteral(text);

const shortEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's `%q` (strconv.Quote): printable runes as they are, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (shortEscapes[ch]) out += shortEscapes[ch];
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** Go's `%v` for a float64 or int: integers plainly, very large or small numbers in e-notation. */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  // JS writes 1e+21 and 1e-7 the way Go's %v does, except Go pads the exponent to two digits.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** The value part of `Invalid value: ...`: Go's field.Error printing rules. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof GoLiteral) return value.text;
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goValue(value);
}

/** `map[string]string{"a":"1", "b":"2"}` (keys sorted, as fmt does); `(nil)` when absent. */
export function goStringMap(m: Record<string, unknown> | undefined | null, type = 'map[string]string'): string {
  if (!m) return `${type}(nil)`;
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`);
  return `${type}{${entries.join(', ')}}`;
}

/** `[]string{"a", "b"}`; `[]string(nil)` when absent. */
export function goStringSlice(list: readonly unknown[] | undefined | null, type = '[]string'): string {
  if (!list) return `${type}(nil)`;
  return `${type}{${list.map((v) => goQuote(String(v))).join(', ')}}`;
}

/** A *metav1.LabelSelector as `%#v` prints it (the apiserver dereferences the pointer first). */
export function goLabelSelector(sel: any): string {
  if (!sel) return 'null';
  const exprs = sel.matchExpressions as any[] | undefined;
  const exprText = exprs
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/**
 * A best-effort `%#v` of a decoded JSON value, for the rare messages that dump a whole struct
 * (an immutable pod template). Exactness is impossible without Go's types; the shape is recognisable.
 */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (value instanceof GoLiteral) return value.text;
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goValue).join(', ')}}`;
  const obj = value as Record<string, unknown>;
  const fields = Object.keys(obj).map((k) => `${k[0]!.toUpperCase()}${k.slice(1)}:${goValue(obj[k])}`);
  return `{${fields.join(', ')}}`;
}
