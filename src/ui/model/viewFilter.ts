// A table view's `/` filter as the model applies it: what it is, when a new one can only narrow the
// last (so only the rows shown need a look), and when it is plain ASCII text (looked up with includes()).
import type { Selector } from '../../api/labels.js';

export interface ViewFilter {
  /** The page's filter text: what decides whether two filters are the same. */
  text: string;
  regex?: RegExp;
  inverse: boolean;
  labels?: Selector;
  faultsOnly: boolean;
}

const REGEX_SYNTAX = /[.*+?^${}()|[\]\\]/;
export const ASCII = /^[\x00-\x7f]*$/;

/** The filter's text lowercased when it is plain ASCII text (no regex syntax), to look up with includes(). */
export function plainNeedle(regex: RegExp): string | undefined {
  const source = regex.source;
  return REGEX_SYNTAX.test(source) || !ASCII.test(source) ? undefined : source.toLowerCase();
}

/**
 * `next` can only match rows `previous` matched: both plain ASCII texts (not inverted), the new one
 * containing the old. (Not for other scripts: toLowerCase() and the regex's `i` flag disagree there.)
 */
export function narrows(previous: ViewFilter, next: ViewFilter): boolean {
  if (previous.faultsOnly !== next.faultsOnly || previous.labels || next.labels || !previous.regex || !next.regex) return false;
  if (previous.inverse || next.inverse) return false;
  const before = plainNeedle(previous.regex);
  const after = plainNeedle(next.regex);
  return before !== undefined && after !== undefined && after.includes(before);
}

export function sameFilter(a: ViewFilter, b: ViewFilter): boolean {
  return a.faultsOnly === b.faultsOnly && a.text === b.text;
}
