// Parses kubectl's `-l` string form with apimachinery's lexer and recursive-descent parser, and its error wording.
import { validateLabelKey } from './labelKeyValueRules.js';
import { everything, makeSelector } from './labelSelectorMatch.js';
import { aggregate, invalid, requirementErrors } from './labelSelectorValidation.js';
import { ParseError, type Operator, type Requirement, type Selector } from './labelSelectorTypes.js';

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
  return requirements.length === 0 ? everything() : makeSelector(requirements);
}
