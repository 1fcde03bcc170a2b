import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DurationError, formatAge, formatDurationShort, parseDuration, tryParseDuration } from '../../src/api/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('parseDuration', () => {
  it('reads Go durations, days and bare seconds', () => {
    const cases: Array<[string, number]> = [
      ['30s', 30 * S],
      ['5m', 5 * M],
      ['1h30m', 90 * M],
      ['2h', 2 * H],
      ['500ms', 500],
      ['1d', D],
      ['1d12h', 36 * H],
      ['1.5h', 90 * M],
      ['.5s', 500],
      ['1.001s', 1001],
      ['1m0.5s', M + 500],
      ['250us', 0.25],
      ['30', 30 * S],
      ['0.5', 500],
      ['0', 0],
      [' 10s ', 10 * S],
      ['+10s', 10 * S],
    ];
    for (const [input, ms] of cases) assert.equal(parseDuration(input), ms, input);
  });

  it('refuses anything else with a message that names the allowed forms', () => {
    for (const bad of ['', 'abc', '5x', '1h 30m', '-5s', 's', '1.2.3s', '5 s', 'h1']) {
      assert.throws(
        () => parseDuration(bad),
        (e: unknown) => e instanceof DurationError && e.message.includes('30s, 5m, 1h30m, 500ms or 2d') && e.input === bad,
        bad,
      );
    }
    assert.equal(tryParseDuration('nope'), undefined);
    assert.equal(tryParseDuration('2m'), 2 * M);
  });
});

describe('formatAge (kubectl HumanDuration)', () => {
  it('prints each band with its boundaries', () => {
    const cases: Array<[number, string]> = [
      [-2 * S, '<invalid>'],
      [-1999, '0s'],
      [0, '0s'],
      [5 * S, '5s'],
      [119 * S + 999, '119s'],
      [2 * M, '2m'],
      [2 * M + 5 * S, '2m5s'],
      [5 * M + 30 * S, '5m30s'],
      [9 * M + 59 * S, '9m59s'],
      [10 * M, '10m'],
      [45 * M + 30 * S, '45m'],
      [179 * M, '179m'],
      [3 * H, '3h'],
      [5 * H + 30 * M, '5h30m'],
      [7 * H + 59 * M, '7h59m'],
      [8 * H, '8h'],
      [30 * H, '30h'],
      [47 * H + 59 * M, '47h'],
      [48 * H, '2d'],
      [3 * D + 5 * H, '3d5h'],
      [7 * D + 23 * H, '7d23h'],
      [8 * D, '8d'],
      [45 * D, '45d'],
      [2 * Y - 1, '729d'],
      [2 * Y, '2y'],
      [3 * Y + 45 * D, '3y45d'],
      [8 * Y - 1, '7y364d'],
      [8 * Y, '8y'],
      [10 * Y + 100 * D, '10y'],
    ];
    for (const [ms, text] of cases) assert.equal(formatAge(ms), text, `${ms}ms`);
  });
});

describe('formatDurationShort', () => {
  it('prints exact compact durations', () => {
    const cases: Array<[number, string]> = [
      [0, '0s'],
      [500, '500ms'],
      [1500, '1.5s'],
      [1001, '1.001s'],
      [90 * S, '1m30s'],
      [61.5 * S, '1m1.5s'],
      [H, '1h'],
      [H + S, '1h1s'],
      [90 * M, '1h30m'],
      [D + 3 * H, '1d3h'],
      [-30 * S, '-30s'],
    ];
    for (const [ms, text] of cases) assert.equal(formatDurationShort(ms), text, `${ms}ms`);
  });

  it('is read back by parseDuration', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 10 * M }), fc.integer({ min: 0, max: 400 * D })), (ms) => {
        assert.equal(parseDuration(formatDurationShort(ms)), ms);
      }),
    );
  });
});
