// Label selectors as apimachinery's labels package has them: the string grammar kubectl's `-l` takes,
// LabelSelector objects from specs, matching, printing, and label key/value validation with the
// API server's own messages.
//
// A selector is compiled once into an array of small closures, because matching runs over every pod
// a controller or service looks at.
import type { FieldCause } from './errors.js';

/**
 * The shape of a metav1.LabelSelector (`spec.selector` of workloads), declared structurally so any
 * object that looks like one, from kubernetes-types or straight from YAML, can be passed.
 */
export interface LabelSelector {
  matchLabels?: Readonly<Record<string, string>>;
  matchExpressions?: ReadonlyArray<{ key: string; operator: string; values?: readonly string[] }>;
}

/** selection.Operator values: `!` is DoesNotExist, `gt`/`lt` compare integers. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | null | undefined;

export interface Selector {
  /** ANDed together, sorted by key. */
  readonly requirements: readonly Requirement[];
  /** True only for the selector of a missing (nil) LabelSelector, which selects nothing at all. */
  readonly matchesNothing: boolean;
  readonly matches: (labels: Labels) => boolean;
}

/** A `-l` string that does not follow the grammar, with kubectl's wording. */
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}

/** A LabelSelector object that cannot be turned into a selector (bad operator, values, key). */
export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelSelectorError';
  }
}

// ---------------------------------------------------------------------------------------------
// Label key and value validation (apimachinery util/validation, v1.30 wording)

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** Go's RegexError, double spaces included: `(e.g. 'MyName',  or 'my.name', ...)`. */
function regexError(message: string, regex: string, ...examples: string[]): string {
  const shown = examples.map((e) => `'${e}', `).join(' or ');
  return `${message} (e.g. ${shown}regex used for validation is '${regex}')`;
}
const maxLenError = (length: number) => `must be no more than ${length} characters`;

function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errors.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errors;
}

/** Problems with a label key (`[prefix/]name`), as IsQualifiedName reports them; empty when valid. */
export function validateLabelKey(key: string): string[] {
  const errors: string[] = [];
  const parts = key.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...dns1123SubdomainErrors(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!QUALIFIED_NAME_RE.test(name)) {
    errors.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errors;
}

/** Problems with a label value (may be empty, ≤63 characters); empty when valid. */
export function validateLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) errors.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errors;
}

// Field errors in the shape of apimachinery's field.Error, so messages read like the API server's.

/** Go's %#v / %q rendering of the bad value inside `Invalid value: ...`. */
function goValue(value: string | readonly string[] | null): string {
  if (value === null) return '[]string(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
}
const invalid = (field: string, value: string | readonly string[] | null, detail: string): FieldCause => ({
  field,
  type: 'FieldValueInvalid',
  message: `${field}: Invalid value: ${goValue(value)}: ${detail}`,
});
const required = (field: string, detail: string): FieldCause => ({
  field,
  type: 'FieldValueRequired',
  message: `${field}: Required value: ${detail}`,
});
const forbidden = (field: string, detail: string): FieldCause => ({
  field,
  type: 'FieldValueForbidden',
  message: `${field}: Forbidden: ${detail}`,
});

/** Go's aggregate error text: one message alone, several as `[a, b]`. */
function aggregate(causes: FieldCause[]): string {
  const messages = [...new Set(causes.map((c) => c.message))];
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

/** ValidateLabels: every key and value of `metadata.labels` (or a matchLabels map). */
export function validateLabels(labels: Labels, path: string): FieldCause[] {
  const causes: FieldCause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const message of validateLabelKey(key)) causes.push(invalid(path, key, message));
    for (const message of validateLabelValue(value)) causes.push(invalid(path, value, message));
  }
  return causes;
}

/** ValidateLabelSelector: what the API server reports for a bad `spec.selector`. */
export function validateLabelSelector(selector: LabelSelector | null | undefined, path: string): FieldCause[] {
  if (!selector) return [];
  const causes = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) causes.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          causes.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      default:
        causes.push(invalid(`${at}.operator`, String(expr.operator ?? ''), 'not a valid selector operator'));
    }
    for (const message of validateLabelKey(expr.key ?? '')) causes.push(invalid(`${at}.key`, expr.key ?? '', message));
    values.forEach((v, j) => {
      for (const message of validateLabelValue(v)) causes.push(invalid(`${at}.values[${j}]`, v, message));
    });
  });
  return causes;
}

/**
 * NewRequirement's checks. `path` is the field path the API server would name; Go prints a missing
 * one as `<nil>`, which is why a bad key in `-l` reads `<nil>: Invalid value: ...`.
 */
function requirementErrors(key: string, operator: Operator, values: readonly string[] | null, path: string | null): FieldCause[] {
  const causes: FieldCause[] = [];
  const child = (name: string) => (path === null ? name : `${path}.${name}`);
  // Unlike object validation, a requirement reports each bad key or value once, its problems joined by '; '.
  const keyErrors = validateLabelKey(key);
  if (keyErrors.length > 0) causes.push(invalid(child('key'), key, keyErrors.join('; ')));
  const count = values?.length ?? 0;
  switch (operator) {
    case 'in':
    case 'notin':
      if (count === 0) causes.push(invalid(child('values'), values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (count !== 1) causes.push(invalid(child('values'), values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (count !== 0) causes.push(invalid(child('values'), values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (count !== 1) causes.push(invalid(child('values'), values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      (values ?? []).forEach((v, i) => {
        if (!isInt64(v)) causes.push(invalid(`${child('values')}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  (values ?? []).forEach((v, i) => {
    const valueErrors = validateLabelValue(v);
    if (valueErrors.length > 0) causes.push(invalid(`${child('values')}[${i}][${key}]`, v, valueErrors.join('; ')));
  });
  return causes;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
function isInt64(text: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(text)) return false;
  const n = BigInt(text);
  return n >= INT64_MIN && n <= INT64_MAX;
}

// ---------------------------------------------------------------------------------------------
// Compiling requirements into matchers

type Test = (labels: Readonly<Record<string, string>>) => boolean;
const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

// Labels are plain objects; checking `typeof === 'string'` also ignores inherited members like `constructor`.
function compile(r: Requirement): Test {
  const { key, values } = r;
  switch (r.operator) {
    case '=':
    case '==':
    case 'in': {
      if (values.length === 1) {
        const wanted = values[0];
        return (labels) => labels[key] === wanted;
      }
      const wanted = new Set(values);
      return (labels) => {
        const v = labels[key];
        return typeof v === 'string' && wanted.has(v);
      };
    }
    case '!=':
    case 'notin': {
      // A missing label is "not equal" too: `env!=prod` selects pods with no env label.
      if (values.length === 1) {
        const unwanted = values[0];
        return (labels) => labels[key] !== unwanted;
      }
      const unwanted = new Set(values);
      return (labels) => {
        const v = labels[key];
        return typeof v !== 'string' || !unwanted.has(v);
      };
    }
    case 'exists':
      return (labels) => typeof labels[key] === 'string';
    case '!':
      return (labels) => typeof labels[key] !== 'string';
    case 'gt':
    case 'lt': {
      const bound = isInt64(values[0] ?? '') ? BigInt(values[0]) : undefined;
      const greater = r.operator === 'gt';
      return (labels) => {
        const v = labels[key];
        if (bound === undefined || typeof v !== 'string' || !isInt64(v)) return false;
        return greater ? BigInt(v) > bound : BigInt(v) < bound;
      };
    }
  }
}

function makeSelector(requirements: Requirement[], matchesNothing = false): Selector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const tests = sorted.map(compile);
  let matches: (labels: Labels) => boolean;
  if (matchesNothing) matches = () => false;
  else if (tests.length === 0) matches = () => true;
  else if (tests.length === 1) {
    const only = tests[0];
    matches = (labels) => only(labels ?? NO_LABELS);
  } else {
    matches = (labels) => {
      const l = labels ?? NO_LABELS;
      for (const test of tests) if (!test(l)) return false;
      return true;
    };
  }
  return Object.freeze({ requirements: Object.freeze(sorted.map((r) => Object.freeze(r))), matchesNothing, matches });
}

const EVERYTHING = makeSelector([]);
const NOTHING = makeSelector([], true);

/** Selects every object (an empty selector, `{}` or `-l ''`). */
export const everything = (): Selector => EVERYTHING;
/** Selects no object (a missing selector on a workload). */
export const nothing = (): Selector => NOTHING;

/** A selector requiring each label to equal its value, as a Service's `spec.selector` does. No validation. */
export function selectorFromSet(labels: Labels): Selector {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return EVERYTHING;
  return makeSelector(entries.map(([key, value]) => ({ key, operator: '=', values: [value] })));
}

const OPERATOR_BY_LABEL_SELECTOR_OP: Record<string, Operator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * LabelSelectorAsSelector: a missing selector selects nothing, an empty one everything.
 * Throws LabelSelectorError for an unknown operator or values that do not fit the operator.
 */
export function selectorFromLabelSelector(selector: LabelSelector | null | undefined): Selector {
  if (!selector) return NOTHING;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return EVERYTHING;

  const requirements: Requirement[] = [];
  const add = (key: string, operator: Operator, values: readonly string[] | null) => {
    const causes = requirementErrors(key, operator, values, null);
    if (causes.length > 0) throw new LabelSelectorError(aggregate(causes));
    requirements.push({ key, operator, values: values ?? [] });
  };
  for (const [key, value] of matchLabels) add(key, '=', [value]);
  for (const expr of expressions) {
    const operator = Object.hasOwn(OPERATOR_BY_LABEL_SELECTOR_OP, expr.operator) ? OPERATOR_BY_LABEL_SELECTOR_OP[expr.operator] : undefined;
    if (operator === undefined) throw new LabelSelectorError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    // Go copies the values into a nil slice, so "no values" prints as []string(nil).
    add(expr.key, operator, expr.values && expr.values.length > 0 ? [...expr.values] : null);
  }
  return makeSelector(requirements);
}

export function matches(selector: Selector, labels: Labels): boolean {
  return selector.matches(labels);
}

/** True for a selector that does not restrict anything (but not for `nothing()`). */
export function isEmpty(selector: Selector): boolean {
  return !selector.matchesNothing && selector.requirements.length === 0;
}

/** The value `key` must have, when the selector pins it to exactly one (an index lookup hint). */
export function requiresExactMatch(selector: Selector, key: string): string | undefined {
  const r = selector.requirements.find((req) => req.key === key);
  if (!r || r.values.length !== 1) return undefined;
  return r.operator === '=' || r.operator === '==' || r.operator === 'in' ? r.values[0] : undefined;
}

const OPERATOR_TEXT: Record<Operator, string> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
  exists: '',
  '!': '',
};

function requirementToString(r: Requirement): string {
  if (r.operator === '!') return `!${r.key}`;
  if (r.operator === 'exists') return r.key;
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  const shown = r.operator === 'in' || r.operator === 'notin' ? `(${values})` : values;
  return `${r.key}${OPERATOR_TEXT[r.operator]}${shown}`;
}

/** The kubectl form: `app=web,pod-template-hash=abc`, `env in (dev,prod)`, `!canary`. */
export function selectorToString(selector: Selector): string {
  return selector.requirements.map(requirementToString).join(',');
}

/** kubectl's SELECTOR column: the string form, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  try {
    return selectorToString(selectorFromLabelSelector(selector)) || '<none>';
  } catch (e) {
    if (e instanceof LabelSelectorError) return '<error>';
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing the string form (apimachinery's lexer and recursive-descent parser)

type TokenKind = 'end' | 'id' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'in' | 'notin' | 'error';
interface Token {
  kind: TokenKind;
  text: string;
}

const SYMBOL_TOKENS: Record<string, TokenKind> = {
  '(': '(',
  ')': ')',
  ',': ',',
  '!': '!',
  '=': '=',
  '==': '==',
  '!=': '!=',
  '>': '>',
  '<': '<',
};
const isSpecial = (c: string) => '=!(),><'.includes(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isSpace(input[pos])) pos++;
    if (pos >= input.length) {
      tokens.push({ kind: 'end', text: '' });
      return tokens;
    }
    if (isSpecial(input[pos])) {
      // Longest run of symbols that still forms an operator: `!=` before `!`.
      let buffer = '';
      let last: Token | undefined;
      while (pos < input.length && isSpecial(input[pos])) {
        buffer += input[pos];
        const kind = Object.hasOwn(SYMBOL_TOKENS, buffer) ? SYMBOL_TOKENS[buffer] : undefined;
        if (kind) last = { kind, text: buffer };
        else if (last) break;
        pos++;
      }
      tokens.push(last ?? { kind: 'error', text: `error expected: keyword found '${buffer}'` });
      continue;
    }
    const start = pos;
    while (pos < input.length && !isSpecial(input[pos]) && !isSpace(input[pos])) pos++;
    const text = input.slice(start, pos);
    tokens.push({ kind: text === 'in' || text === 'notin' ? text : 'id', text });
  }
}

/** Where `in`/`notin` may only be plain words (keys and values) rather than operators. */
type Context = 'keyAndOperator' | 'values';

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(context: Context): Token {
    return this.asContext(this.tokens[this.position], context);
  }
  private next(context: Context): Token {
    return this.asContext(this.tokens[this.position++], context);
  }
  private asContext(token: Token, context: Context): Token {
    return context === 'values' && (token.kind === 'in' || token.kind === 'notin') ? { kind: 'id', text: token.text } : token;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const token = this.peek('values');
      if (token.kind === 'end') return requirements;
      if (token.kind !== 'id' && token.kind !== '!') {
        throw new ParseError(`found '${token.text}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.requirement());
      } catch (e) {
        if (e instanceof RequirementError) throw new ParseError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const after = this.next('values');
      if (after.kind === 'end') return requirements;
      if (after.kind !== ',') throw new ParseError(`found '${after.text}', expected: ',' or 'end of string'`);
      const following = this.peek('values');
      if (following.kind !== 'id' && following.kind !== '!') {
        throw new ParseError(`found '${following.text}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): Requirement {
    let operator: Operator | undefined;
    let token = this.next('values');
    if (token.kind === '!') {
      operator = '!';
      token = this.next('values');
    }
    if (token.kind !== 'id') throw new RequirementError(`found '${token.text}', expected: identifier`);
    const key = token.text;
    const keyErrors = validateLabelKey(key);
    if (keyErrors.length > 0) throw new RequirementError(invalid('<nil>', key, keyErrors.join('; ')).message);
    const upcoming = this.peek('values').kind;
    if (operator === '!' || upcoming === 'end' || upcoming === ',') {
      return this.checked(key, operator ?? 'exists', []);
    }
    operator = this.operator();
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    // Values form a set: sorted and without duplicates.
    return this.checked(key, operator, [...new Set(values)].sort());
  }

  private checked(key: string, operator: Operator, values: string[]): Requirement {
    const causes = requirementErrors(key, operator, values, null);
    if (causes.length > 0) throw new RequirementError(aggregate(causes));
    return { key, operator, values };
  }

  private operator(): Operator {
    const token = this.next('keyAndOperator');
    switch (token.kind) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        return token.kind;
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new RequirementError(`found '${token.text}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private valueSet(): string[] {
    const open = this.next('values');
    if (open.kind !== '(') throw new RequirementError(`found '${open.text}' expected: '('`);
    const first = this.peek('values');
    if (first.kind === ')') {
      this.next('values');
      return [''];
    }
    if (first.kind !== 'id' && first.kind !== ',') {
      throw new RequirementError(`found '${first.text}', expected: ',', ')' or identifier`);
    }
    const values = this.identifierList();
    if (this.next('values').kind !== ')') throw new RequirementError(`found '${first.text}', expected: ')'`);
    return values;
  }

  /** `a,b`, and the odd forms Kubernetes accepts: `(,a)`, `(a,)` and `(a,,b)` add an empty value. */
  private identifierList(): string[] {
    const values: string[] = [];
    for (;;) {
      const token = this.next('values');
      if (token.kind === 'id') {
        values.push(token.text);
        const following = this.peek('values');
        if (following.kind === ',') continue;
        if (following.kind === ')') return values;
        throw new RequirementError(`found '${following.text}', expected: ',' or ')'`);
      }
      if (token.kind === ',') {
        if (values.length === 0) values.push('');
        const following = this.peek('values').kind;
        if (following === ')') {
          values.push('');
          return values;
        }
        if (following === ',') values.push('');
        continue;
      }
      throw new RequirementError(`found '${token.text}', expected: ',', or identifier`);
    }
  }

  private exactValue(): string[] {
    const upcoming = this.peek('values');
    if (upcoming.kind === 'end' || upcoming.kind === ',') return [''];
    const token = this.next('values');
    if (token.kind === 'id') return [token.text];
    throw new RequirementError(`found '${token.text}', expected: identifier`);
  }
}

/** Internal: a requirement-level problem, reported as `unable to parse requirement: ...`. */
class RequirementError extends Error {}

/**
 * Parses kubectl's `-l` syntax: `app=web`, `app==web`, `app!=web`, `env in (prod,dev)`,
 * `env notin (x)`, `key`, `!key`, `replicas>2`, comma-separated. An empty string selects everything.
 */
export function parseSelector(input: string): Selector {
  const requirements = new Parser(lex(input)).parse();
  return requirements.length === 0 ? EVERYTHING : makeSelector(requirements);
}
