import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  LabelSelectorError,
  ParseError,
  everything,
  formatLabelSelector,
  isEmpty,
  matches,
  nothing,
  parseSelector,
  requiresExactMatch,
  selectorFromLabelSelector,
  selectorFromSet,
  selectorToString,
  validateLabelKey,
  validateLabelSelector,
  validateLabelValue,
  validateLabels,
} from '../../src/api/labels.js';

const NAME_PART_REGEX =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_REGEX =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const parseError = (message: string) => (e: unknown) => e instanceof ParseError && e.message === message;

describe('parseSelector', () => {
  it('reads every operator of the kubectl grammar', () => {
    const cases: Array<[string, string]> = [
      ['app=web', 'app=web'],
      ['app==web', 'app==web'],
      ['app!=web', 'app!=web'],
      ['env in (prod,dev)', 'env in (dev,prod)'],
      ['env notin (x)', 'env notin (x)'],
      ['key', 'key'],
      ['!key', '!key'],
      ['replicas>2', 'replicas>2'],
      ['replicas<2', 'replicas<2'],
      ['app=', 'app='],
      ['  tier in ( a , b ) ,  app = web ', 'app=web,tier in (a,b)'],
      ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
      // `in` is a keyword only where an operator is expected.
      ['in in (in)', 'in in (in)'],
      ['example.com/role=db', 'example.com/role=db'],
      ['', ''],
    ];
    for (const [input, printed] of cases) assert.equal(selectorToString(parseSelector(input)), printed, input);
  });

  it('sorts requirements by key and values as a set', () => {
    const sel = parseSelector('b=1,a in (z,x,z)');
    assert.deepEqual(
      sel.requirements.map((r) => [r.key, r.operator, r.values]),
      [
        ['a', 'in', ['x', 'z']],
        ['b', '=', ['1']],
      ],
    );
  });

  it('reports grammar errors as kubectl does', () => {
    assert.throws(() => parseSelector('a,'), parseError("found '', expected: identifier after ','"));
    assert.throws(() => parseSelector(',a'), parseError("found ',', expected: !, identifier, or 'end of string'"));
    assert.throws(() => parseSelector('!a=b'), parseError("found '=', expected: ',' or 'end of string'"));
    assert.throws(
      () => parseSelector('a b'),
      parseError("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
    );
    assert.throws(() => parseSelector('a in b'), parseError("unable to parse requirement: found 'b' expected: '('"));
    assert.throws(() => parseSelector('a in (b c)'), parseError("unable to parse requirement: found 'c', expected: ',' or ')'"));
    assert.throws(() => parseSelector('a=(b)'), parseError("unable to parse requirement: found '(', expected: identifier"));
  });

  it('reports invalid keys and values with the API server text', () => {
    assert.throws(
      () => parseSelector('app:monolith'),
      parseError(`unable to parse requirement: <nil>: Invalid value: "app:monolith": ${NAME_PART_REGEX}`),
    );
    assert.throws(
      () => parseSelector('app=-bad'),
      parseError(`unable to parse requirement: values[0][app]: Invalid value: "-bad": ${LABEL_VALUE_REGEX}`),
    );
    assert.throws(
      () => parseSelector('a/b/c ?=? def'),
      (e: unknown) =>
        e instanceof ParseError &&
        e.message.startsWith('unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of') &&
        e.message.endsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
    );
    assert.throws(
      () => parseSelector('n<x'),
      parseError(`unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`),
    );
  });
});

describe('matching', () => {
  it('matches equality and set requirements', () => {
    const sel = parseSelector('app=web,env in (prod,staging)');
    assert.equal(matches(sel, { app: 'web', env: 'prod' }), true);
    assert.equal(matches(sel, { app: 'web', env: 'dev' }), false);
    assert.equal(matches(sel, { app: 'web' }), false);
    assert.equal(matches(sel, { app: 'api', env: 'prod' }), false);
  });

  it('!= and notin select objects that lack the label', () => {
    assert.equal(matches(parseSelector('env!=prod'), {}), true);
    assert.equal(matches(parseSelector('env!=prod'), undefined), true);
    assert.equal(matches(parseSelector('env!=prod'), { env: 'prod' }), false);
    assert.equal(matches(parseSelector('env notin (prod,dev)'), { app: 'x' }), true);
    assert.equal(matches(parseSelector('env notin (prod,dev)'), { env: 'dev' }), false);
    assert.equal(matches(parseSelector('env in (prod,dev)'), {}), false);
  });

  it('exists and !key look only at presence, and an empty value is present', () => {
    assert.equal(matches(parseSelector('canary'), { canary: '' }), true);
    assert.equal(matches(parseSelector('canary'), {}), false);
    assert.equal(matches(parseSelector('!canary'), { canary: '' }), false);
    assert.equal(matches(parseSelector('!canary'), { app: 'x' }), true);
    // Inherited object members are not labels.
    assert.equal(matches(parseSelector('constructor'), {}), false);
    assert.equal(matches(parseSelector('!toString'), {}), true);
  });

  it('gt and lt compare integers and never match non-integers', () => {
    assert.equal(matches(parseSelector('gen>2'), { gen: '3' }), true);
    assert.equal(matches(parseSelector('gen>2'), { gen: '2' }), false);
    assert.equal(matches(parseSelector('gen<2'), { gen: '-1' }), true);
    assert.equal(matches(parseSelector('gen>2'), { gen: 'x' }), false);
    assert.equal(matches(parseSelector('gen>2'), {}), false);
  });

  it('empty selects everything, nothing selects nothing', () => {
    assert.equal(matches(parseSelector(''), { any: 'x' }), true);
    assert.equal(isEmpty(parseSelector('')), true);
    assert.equal(isEmpty(parseSelector('a')), false);
    assert.equal(matches(nothing(), {}), false);
    assert.equal(isEmpty(nothing()), false);
    assert.equal(isEmpty(everything()), true);
  });

  it('selectorFromSet matches a Service selector', () => {
    const sel = selectorFromSet({ app: 'web', tier: 'front' });
    assert.equal(matches(sel, { app: 'web', tier: 'front', pod: 'x' }), true);
    assert.equal(matches(sel, { app: 'web' }), false);
    assert.equal(selectorToString(sel), 'app=web,tier=front');
    assert.equal(requiresExactMatch(sel, 'tier'), 'front');
    assert.equal(requiresExactMatch(parseSelector('a in (x,y)'), 'a'), undefined);
    assert.equal(requiresExactMatch(parseSelector('a!=x'), 'a'), undefined);
  });
});

describe('selectorFromLabelSelector', () => {
  it('converts matchLabels and matchExpressions', () => {
    const sel = selectorFromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'tier', operator: 'NotIn', values: ['db'] },
        { key: 'team', operator: 'Exists' },
      ],
    });
    assert.equal(selectorToString(sel), 'app=web,!canary,env in (dev,prod),team,tier notin (db)');
    assert.equal(matches(sel, { app: 'web', env: 'dev', team: 'a' }), true);
    assert.equal(matches(sel, { app: 'web', env: 'dev', team: 'a', canary: 'yes' }), false);
    assert.equal(matches(sel, { app: 'web', env: 'dev', team: 'a', tier: 'db' }), false);
    assert.equal(matches(sel, { app: 'web', env: 'dev' }), false);
  });

  it('a missing selector matches nothing and an empty one everything', () => {
    assert.equal(matches(selectorFromLabelSelector(undefined), {}), false);
    assert.equal(matches(selectorFromLabelSelector({}), { a: 'b' }), true);
    assert.equal(matches(selectorFromLabelSelector({ matchLabels: {}, matchExpressions: [] }), {}), true);
  });

  it('rejects bad objects with LabelSelectorAsSelector messages', () => {
    const fails = (selector: Parameters<typeof selectorFromLabelSelector>[0], message: string) =>
      assert.throws(() => selectorFromLabelSelector(selector), (e: unknown) => e instanceof LabelSelectorError && e.message === message);
    fails({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }, '"Equals" is not a valid label selector operator');
    fails(
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    fails(
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
    );
    fails({ matchLabels: { 'bad key': 'x' } }, `key: Invalid value: "bad key": ${NAME_PART_REGEX}`);
  });

  it('formatLabelSelector fills the SELECTOR column', () => {
    assert.equal(formatLabelSelector({ matchLabels: { 'pod-template-hash': 'abc', app: 'web' } }), 'app=web,pod-template-hash=abc');
    assert.equal(formatLabelSelector({}), '<none>');
    assert.equal(formatLabelSelector(undefined), '<none>');
    assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }), '<error>');
  });
});

describe('validation', () => {
  it('validateLabelKey follows the qualified-name rules', () => {
    for (const ok of ['app', 'App_1.x-y', 'example.com/role', 'a'.repeat(63), `${'a'.repeat(253)}/x`]) {
      assert.deepEqual(validateLabelKey(ok), [], ok);
    }
    assert.deepEqual(validateLabelKey('a'.repeat(64)), ['name part must be no more than 63 characters']);
    assert.deepEqual(validateLabelKey('-app'), [NAME_PART_REGEX]);
    assert.deepEqual(validateLabelKey(''), ['name part must be non-empty', NAME_PART_REGEX]);
    assert.deepEqual(validateLabelKey('/app'), ['prefix part must be non-empty']);
    assert.equal(validateLabelKey('Example.com/app').length, 1);
    assert.match(validateLabelKey('Example.com/app')[0], /^prefix part a lowercase RFC 1123 subdomain must consist of/);
    assert.match(validateLabelKey(`${'a'.repeat(254)}/x`)[0], /^prefix part must be no more than 253 characters$/);
    assert.match(validateLabelKey('a/b/c')[0], /^a qualified name must consist of/);
  });

  it('validateLabelValue allows empty values up to 63 characters', () => {
    assert.deepEqual(validateLabelValue(''), []);
    assert.deepEqual(validateLabelValue('v1.2_x-y'), []);
    assert.deepEqual(validateLabelValue('x'.repeat(64)), ['must be no more than 63 characters']);
    assert.deepEqual(validateLabelValue('a b'), [LABEL_VALUE_REGEX]);
  });

  it('validateLabelSelector reports each problem with its field path', () => {
    const causes = validateLabelSelector(
      {
        matchLabels: { app: 'web!' },
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'Exists', values: ['x'] },
          { key: 'c', operator: 'Foo' },
        ],
      },
      'spec.selector',
    );
    assert.deepEqual(
      causes.map((c) => c.message),
      [
        `spec.selector.matchLabels: Invalid value: "web!": ${LABEL_VALUE_REGEX}`,
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        'spec.selector.matchExpressions[2].operator: Invalid value: "Foo": not a valid selector operator',
      ],
    );
    assert.deepEqual(
      causes.map((c) => c.type),
      ['FieldValueInvalid', 'FieldValueRequired', 'FieldValueForbidden', 'FieldValueInvalid'],
    );
    assert.deepEqual(validateLabelSelector({ matchLabels: { app: 'web' } }, 'spec.selector'), []);
  });

  it('validateLabels checks metadata.labels', () => {
    assert.deepEqual(validateLabels({ app: 'web', 'example.com/tier': '' }, 'metadata.labels'), []);
    assert.deepEqual(
      validateLabels({ '-x': 'ok' }, 'metadata.labels').map((c) => c.message),
      [`metadata.labels: Invalid value: "-x": ${NAME_PART_REGEX}`],
    );
  });
});
