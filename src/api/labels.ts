// The one module the rest of kubesim imports for labels and selectors; each idea lives in its own label*.ts file.
//
// Label selectors as apimachinery's labels package has them: the string grammar kubectl's `-l` takes
// (labelSelectorParse.ts), LabelSelector objects from specs and matching (labelSelectorMatch.ts),
// printing (labelSelectorFormat.ts), and label key/value validation with the API server's own
// messages (labelKeyValueRules.ts, labelSelectorValidation.ts).
export { LabelSelectorError, ParseError } from './labelSelectorTypes.js';
export type { LabelSelector, Labels, Operator, Requirement, Selector } from './labelSelectorTypes.js';
export { validateLabelKey, validateLabelValue } from './labelKeyValueRules.js';
export { validateLabelSelector, validateLabels } from './labelSelectorValidation.js';
export {
  everything,
  isEmpty,
  matches,
  nothing,
  requiresExactMatch,
  selectorFromLabelSelector,
  selectorFromSet,
} from './labelSelectorMatch.js';
export { formatLabelSelector, selectorToString } from './labelSelectorFormat.js';
export { parseSelector } from './labelSelectorParse.js';
