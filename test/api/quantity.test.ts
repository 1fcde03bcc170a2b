import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  QuantityError,
  addQuantities,
  approximateValue,
  compareQuantities,
  formatBytes,
  formatBytesHuman,
  formatCpuMillis,
  formatQuantity,
  milliValue,
  newMilliQuantity,
  newQuantity,
  parseQuantity,
  subtractQuantities,
  tryParseQuantity,
  value,
} from '../../src/api/quantity.js';

const canonical = (s: string | number) => formatQuantity(parseQuantity(s));

describe('parseQuantity', () => {
  it('reads the forms manifests use', () => {
    const cases: Array<[string | number, number]> = [
      ['100m', 100],
      ['0.5', 500],
      ['1', 1000],
      ['+1', 1000],
      ['.5', 500],
      ['5.', 5000],
      ['2k', 2_000_000],
      ['1M', 1e9],
      ['1e3', 1e6],
      ['1E3', 1e6],
      ['1.3E+6', 1.3e9],
      ['1E-3', 1],
      ['-100m', -100],
      [0.25, 250],
      [2, 2000],
    ];
    for (const [input, millis] of cases) assert.equal(milliValue(parseQuantity(input)), millis, String(input));
  });

  it('reads binary suffixes exactly', () => {
    assert.equal(value(parseQuantity('1Ki')), 1024);
    assert.equal(value(parseQuantity('500Mi')), 500 * 2 ** 20);
    assert.equal(value(parseQuantity('1Gi')), 2 ** 30);
    assert.equal(value(parseQuantity('1Ti')), 2 ** 40);
    assert.equal(value(parseQuantity('1G')), 1e9);
    assert.equal(parseQuantity('1.5Gi').nanos, 1_610_612_736n * 1_000_000_000n);
  });

  it('remembers the format of the suffix', () => {
    assert.equal(parseQuantity('1Gi').format, 'BinarySI');
    assert.equal(parseQuantity('1G').format, 'DecimalSI');
    assert.equal(parseQuantity('1e9').format, 'DecimalExponent');
    assert.equal(parseQuantity('12').format, 'DecimalSI');
    // A binary amount under one can only be written in decimal.
    assert.equal(parseQuantity('.000001Ki').format, 'DecimalSI');
  });

  it('rounds anything finer than a nano up, as Kubernetes does', () => {
    assert.equal(parseQuantity('3.001n').nanos, 4n);
    assert.equal(parseQuantity('0.0000000001').nanos, 1n);
    assert.equal(parseQuantity('0.000000000001Ki').nanos, 2n);
    assert.equal(parseQuantity('-3.001n').nanos, -4n);
  });

  it('caps binary quantities at the int64 maximum', () => {
    assert.equal(formatQuantity(parseQuantity('9Ei')), '9223372036854775807');
    assert.equal(value(parseQuantity('8Ei')), 2 ** 63 - 1);
  });

  it('rejects malformed text with the API server message', () => {
    const formatMessage =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    for (const bad of ['1.2.3', 'abc', '1 Gi', ' 1', '1 ', '1gi', '-', '+', '.', '', 'Ki', '1.1.M', '0.1am']) {
      assert.throws(() => parseQuantity(bad), (e: unknown) => e instanceof QuantityError && e.message === formatMessage, bad);
    }
    for (const bad of ['1K', '1e', '1i', '.5i', '-3.01e-', '1ee3', '1e4294967297']) {
      assert.throws(
        () => parseQuantity(bad),
        (e: unknown) => e instanceof QuantityError && e.message === "unable to parse quantity's suffix" && e.input === bad,
        bad,
      );
    }
    assert.throws(() => parseQuantity(Number.NaN), QuantityError);
  });

  it('tryParseQuantity returns undefined instead of throwing', () => {
    assert.equal(tryParseQuantity('1gi'), undefined);
    assert.equal(tryParseQuantity(undefined), undefined);
    assert.equal(tryParseQuantity('1Gi')?.format, 'BinarySI');
  });
});

describe('formatQuantity', () => {
  it('prints the canonical form (apimachinery TestQuantityParseEmit and friends)', () => {
    const cases: Array<[string, string]> = [
      ['0.5', '500m'],
      ['1000m', '1'],
      ['1.0', '1'],
      ['1024Mi', '1Gi'],
      ['1536Mi', '1536Mi'],
      ['1.5Gi', '1536Mi'],
      ['1e3', '1e3'],
      ['1500m', '1500m'],
      ['2000', '2k'],
      ['1000M', '1G'],
      ['0.1m', '100u'],
      ['.001Ki', '1024m'],
      ['.000001Ki', '1024u'],
      ['.000000001Ki', '1024n'],
      ['.000000000001Ki', '2n'],
      ['0.5e0', '500e-3'],
      ['1.2e3', '1200'],
      ['1.3E+6', '1300e3'],
      ['0.0005k', '500m'],
      ['0.025Ti', '27487790694400m'],
      ['1000E', '1e21'],
      ['0m', '0'],
      ['0Gi', '0'],
      ['-0', '0'],
      ['-1.5Gi', '-1536Mi'],
      ['-0.5', '-500m'],
    ];
    for (const [input, expected] of cases) assert.equal(canonical(input), expected, input);
  });

  it('keeps text Kubernetes keeps verbatim, quirks included', () => {
    // The API server reuses the written string when it already looks canonical.
    for (const kept of ['100m', '1Ki', '1E3', '12E', '+1', '100.035k', '-1Ki']) assert.equal(canonical(kept), kept);
  });

  it('prints quantities built in code', () => {
    assert.equal(formatQuantity(newQuantity(2n ** 70n, 'BinarySI')), '1180591620717411303424');
    assert.equal(formatQuantity(newQuantity(10n ** 70n, 'BinarySI')), '10e69');
    assert.equal(formatQuantity(newQuantity(5, 'BinarySI')), '5');
    assert.equal(formatQuantity(newMilliQuantity(500, 'BinarySI')), '500m');
    assert.equal(formatQuantity(newQuantity(1_000_000_000)), '1G');
    assert.equal(formatQuantity(newMilliQuantity(1080)), '1080m');
  });

  it('round-trips: parsing the canonical text gives the same amount', () => {
    const suffixes = ['', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'e3', 'e-3', 'u', 'n'];
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(...suffixes), (n, frac, suffix) => {
        const q = parseQuantity(`${n}.${String(frac).padStart(3, '0')}${suffix}`);
        const again = parseQuantity(formatQuantity(q));
        assert.equal(again.nanos, q.nanos);
        assert.equal(formatQuantity(again), formatQuantity(q));
      }),
    );
  });
});

describe('values and arithmetic', () => {
  it('rounds up, away from zero, like MilliValue and Value', () => {
    assert.equal(value(parseQuantity('1500m')), 2);
    assert.equal(value(parseQuantity('1n')), 1);
    assert.equal(value(parseQuantity('-1500m')), -2);
    assert.equal(milliValue(parseQuantity('1n')), 1);
    assert.equal(milliValue(parseQuantity('0.1m')), 1);
    assert.equal(milliValue(parseQuantity('0')), 0);
    assert.equal(approximateValue(parseQuantity('1500m')), 1.5);
  });

  it('adds keeping the first format unless it is zero', () => {
    const sum = addQuantities(parseQuantity('1Gi'), parseQuantity('512Mi'));
    assert.equal(formatQuantity(sum), '1536Mi');
    assert.equal(addQuantities(parseQuantity('0'), parseQuantity('1Gi')).format, 'BinarySI');
    assert.equal(formatQuantity(addQuantities(parseQuantity('100m'), parseQuantity('0'))), '100m');
    assert.equal(formatQuantity(addQuantities(parseQuantity('250m'), parseQuantity('750m'))), '1');
    assert.equal(formatQuantity(subtractQuantities(parseQuantity('1'), parseQuantity('250m'))), '750m');
  });

  it('compares across formats', () => {
    assert.equal(compareQuantities(parseQuantity('100m'), parseQuantity('50m')), 1);
    assert.equal(compareQuantities(parseQuantity('50m'), parseQuantity('100m')), -1);
    assert.equal(compareQuantities(parseQuantity('1Ki'), parseQuantity('1024')), 0);
    assert.equal(compareQuantities(parseQuantity('10000T'), parseQuantity('100Gi')), 1);
    assert.equal(compareQuantities(parseQuantity('1G'), parseQuantity('1Gi')), -1);
  });
});

describe('display helpers', () => {
  it('formatCpuMillis prints like kubectl', () => {
    assert.equal(formatCpuMillis(250), '250m');
    assert.equal(formatCpuMillis(2000), '2');
    assert.equal(formatCpuMillis(1500), '1500m');
    assert.equal(formatCpuMillis(0), '0');
  });

  it('formatBytes prints the exact canonical binary form', () => {
    assert.equal(formatBytes(512 * 2 ** 20), '512Mi');
    assert.equal(formatBytes(2 ** 30), '1Gi');
    assert.equal(formatBytes(1536 * 2 ** 20), '1536Mi');
    assert.equal(formatBytes(1_500_000), '1500000');
    assert.equal(formatBytes(1000), '1k');
    assert.equal(formatBytes(0), '0');
  });

  it('formatBytesHuman rounds for dashboards', () => {
    assert.equal(formatBytesHuman(1.5 * 2 ** 30), '1.5Gi');
    assert.equal(formatBytesHuman(512 * 2 ** 20), '512Mi');
    assert.equal(formatBytesHuman(2 ** 30 - 1), '1Gi');
    assert.equal(formatBytesHuman(1000), '1000');
    assert.equal(formatBytesHuman(12.3 * 2 ** 30), '12Gi');
    assert.equal(formatBytesHuman(-2048), '-2Ki');
  });
});
