/** Log timestamps: RFC 3339 nano of any length, offsets, ordering, sinceTime. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareTimes, sinceTimeOf, splitTimestamp } from '../../../src/core/logs/timestamps.js';

test('splits the timestamp off a line; fractions of any length; Z or an offset', () => {
  const a = splitTimestamp('2026-12-01T01:02:03.123456789Z hello world');
  assert.equal(a.raw, '2026-12-01T01:02:03.123456789Z');
  assert.equal(a.text, 'hello world');
  assert.deepEqual(a.time, { seconds: Date.UTC(2026, 11, 1, 1, 2, 3) / 1000, nanos: 123456789 });
  const b = splitTimestamp('2026-12-01T01:02:03.5Z x');
  assert.equal(b.time?.nanos, 500_000_000);
  const c = splitTimestamp('2026-12-01T03:02:03+02:00 y');
  assert.equal(c.time?.seconds, a.time!.seconds);
  assert.equal(splitTimestamp('2026-12-01T01:02:03Z ').text, '');
});

test('a line without a timestamp is kept whole', () => {
  assert.deepEqual(splitTimestamp('no stamp here'), { text: 'no stamp here' });
  assert.deepEqual(splitTimestamp('2026-12-01 01:02:03 UTC LOG: x'), { text: '2026-12-01 01:02:03 UTC LOG: x' });
});

test('ordering does not depend on the fraction length (Go trims trailing zeros)', () => {
  const t = (s: string) => splitTimestamp(s + ' x').time!;
  assert.ok(compareTimes(t('2026-12-01T01:02:03Z'), t('2026-12-01T01:02:03.1Z')) < 0);
  assert.ok(compareTimes(t('2026-12-01T01:02:03.45Z'), t('2026-12-01T01:02:03.5Z')) < 0);
  assert.equal(compareTimes(t('2026-12-01T01:02:03.50Z'), t('2026-12-01T01:02:03.5Z')), 0);
  assert.ok(compareTimes(t('2026-12-01T01:02:04Z'), t('2026-12-01T01:02:03.999999999Z')) > 0);
});

test('sinceTime is whole seconds in UTC', () => {
  assert.equal(sinceTimeOf(splitTimestamp('2026-12-01T01:02:03.987Z x').time!), '2026-12-01T01:02:03Z');
});
