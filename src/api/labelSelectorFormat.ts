// Selectors printed in kubectl's form, for `-l` round trips and the SELECTOR column.
import { selectorFromLabelSelector } from './labelSelectorMatch.js';
import { LabelSelectorError, type LabelSelector, type Operator, type Requirement, type Selector } from './labelSelectorTypes.js';

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
