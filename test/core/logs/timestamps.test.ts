/** Log timestamps: RFC 3339 nano of any length, offsets, ordering, sinceTime. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareTimes, sinceTimeOf, splitTimestamp, stampOf } from '../../../src/core/logs/timestamps.js';

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

test('stampOf (bytes, no strings) agrees with splitTimestamp on any line (property)', () => {
  const enc = new TextEncoder();
  const stamp = fc
    .tuple(
      fc.integer({ min: 1970, max: 2999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 59 }),
      fc.option(fc.stringMatching(/^[0-9]{1,9}$/)),
      fc.constantFrom('Z', '+02:00', '-05:30', 'z', ''),
    )
    .map(([y, mo, d, h, mi, s, frac, zone]) => {
      const p = (n: number) => String(n).padStart(2, '0');
      return `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${frac ? '.' + frac : ''}${zone}`;
    });
  fc.assert(
    fc.property(stamp, fc.constantFrom(' ', '', 'x', ' rest of the line'), fc.string(), (ts, sep, rest) => {
      const line = ts + sep + rest;
      const bytes = enc.encode('..' + line);
      const s = splitTimestamp(line);
      const out = { seconds: -1, nanos: -1 };
      const n = stampOf(bytes, 2, bytes.length, out);
      if (s.raw === undefined) assert.equal(n, 0, line);
      else {
        assert.equal(n, s.raw.length + 1, line);
        assert.deepEqual(out, s.time);
      }
    }),
  );
});
