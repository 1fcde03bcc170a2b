// Selectors compiled into matchers and built from label sets or LabelSelector objects: the part that runs per pod.
//
// A selector is compiled once into an array of small closures, because matching runs over every pod
// a controller or service looks at.
import { aggregate, isInt64, requirementErrors } from './labelSelectorValidation.js';
import { LabelSelectorError, type LabelSelector, type Labels, type Operator, type Requirement, type Selector } from './labelSelectorTypes.js';

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

/** Builds a selector from requirements already checked (requirementErrors); `parseSelector` uses it too. */
export function makeSelector(requirements: Requirement[], matchesNothing = false): Selector {
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
