/** Quantities, kubectl top's cells and the shares of requests and limits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addQuantity,
  ceilScaled,
  formatCpu,
  formatMemory,
  formatShare,
  isHot,
  milliValue,
  parseQuantity,
  shareOf,
  wholeValue,
  type Quantity,
} from '../../../src/core/metrics/index.js';

const q = (s: string): Quantity => {
  const v = parseQuantity(s);
  assert.ok(v, `${s} should parse`);
  return v;
};

test('every suffix: n u m, none, k M G T, Ki Mi Gi Ti, e-notation and decimals', () => {
  const cases: Array<[string, bigint, bigint]> = [
    // text, milli-value (rounded up), value (rounded up)
    ['12345678n', 13n, 1n],
    ['1000000n', 1n, 1n],
    ['999999n', 1n, 1n],
    ['250000u', 250n, 1n],
    ['250m', 250n, 1n],
    ['1500m', 1500n, 2n],
    ['2', 2000n, 2n],
    ['0.5', 500n, 1n],
    ['.5', 500n, 1n],
    ['1.', 1000n, 1n],
    ['2k', 2_000_000n, 2000n],
    ['1M', 1_000_000_000n, 1_000_000n],
    ['1G', 1_000_000_000_000n, 1_000_000_000n],
    ['1T', 10n ** 15n, 10n ** 12n],
    ['1Ki', 1_024_000n, 1024n],
    ['23456Ki', 23_456n * 1024n * 1000n, 23_456n * 1024n],
    ['340Mi', 340n * 1_048_576n * 1000n, 340n * 1_048_576n],
    ['1.5Gi', 1_610_612_736_000n, 1_610_612_736n],
    ['1Ti', 1_099_511_627_776_000n, 1_099_511_627_776n],
    ['1e3', 1_000_000n, 1000n],
    ['1E3', 1_000_000n, 1000n],
    ['5e-3', 5n, 1n],
    ['1.25e2', 125_000n, 125n],
    ['0', 0n, 0n],
    ['+7', 7000n, 7n],
  ];
  for (const [text, milli, whole] of cases) {
    assert.equal(milliValue(q(text)), milli, `${text} milli`);
    assert.equal(wholeValue(q(text)), whole, `${text} value`);
  }
});

test('malformed quantities are refused', () => {
  for (const bad of ['', 'm', 'abc', '1K', '1 Mi', '1.2.3', '1mm', '1e', '1Mix', '--1', 1, null, undefined]) {
    assert.equal(parseQuantity(bad), undefined, String(bad));
  }
});

test('sums are exact before rounding, as kubectl sums containers', () => {
  // 1.234567m + 1.000001m = 2.234568m -> 3m (rounding each first would give 4m)
  const sum = addQuantity(q('1234567n'), q('1000001n'));
  assert.equal(formatCpu(sum), '3m');
  assert.equal(formatCpu(addQuantity(q('250m'), q('0.25'))), '500m');
  assert.equal(formatMemory(addQuantity(q('512Ki'), q('512Ki'))), '1Mi');
});

test('kubectl top cells: CPU in millicores rounded up, memory in Mi truncated', () => {
  assert.equal(formatCpu(q('12345678n')), '13m');
  assert.equal(formatCpu(q('0')), '0m');
  assert.equal(formatCpu(q('2')), '2000m');
  assert.equal(formatMemory(q('348160Ki')), '340Mi');
  assert.equal(formatMemory(q('1048575')), '0Mi');
  assert.equal(formatMemory(q('1048576')), '1Mi');
  assert.equal(formatMemory(q('1.5Gi')), '1536Mi');
  assert.equal(formatMemory(q('100M')), '95Mi');
});

test('shares of requests and limits: truncated percent, n/a without one, hot over 90% of a limit', () => {
  assert.equal(formatShare(shareOf(q('50m'), q('100m'))), '50%');
  assert.equal(formatShare(shareOf(q('150m'), q('100m'))), '150%');
  assert.equal(formatShare(shareOf(q('1m'), q('3'))), '0%');
  assert.equal(formatShare(shareOf(q('199m'), q('200m'))), '99%');
  assert.equal(formatShare(shareOf(q('100Mi'), undefined)), 'n/a');
  assert.equal(formatShare(shareOf(q('100Mi'), q('0'))), 'n/a');
  assert.equal(formatShare(shareOf(q('128Mi'), q('256Mi'))), '50%');
  assert.equal(isHot(shareOf(q('231Mi'), q('256Mi'))), true);
  assert.equal(isHot(shareOf(q('230Mi'), q('256Mi'))), false);
  assert.equal(isHot(undefined), false);
});

test('property: milli-value is the ceiling of the exact value', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.constantFrom('n', 'u', 'm', '', 'k', 'Ki', 'Mi'), (n, suffix) => {
      const v = q(`${n}${suffix}`);
      const m = milliValue(v);
      // m-1 < value*1000 <= m
      assert.ok(m * v.den >= v.num * 1000n);
      assert.ok((m - 1n) * v.den < v.num * 1000n);
      assert.equal(ceilScaled(v, 3), m);
    }),
  );
});
