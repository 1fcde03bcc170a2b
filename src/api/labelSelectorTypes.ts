// The shapes shared by label-selector parsing, matching, validation and printing, so none imports another for types.

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
