/** Resuming: the seam drops exactly what was shown, whatever the whole-second sinceTime sends again. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ResumePoint } from '../../../src/core/logs/resume.js';
import type { LogTime } from '../../../src/core/logs/timestamps.js';

const at = (seconds: number, nanos = 0): LogTime => ({ seconds, nanos });

test('lines before the last timestamp, and those seen at it, are dropped; new ones pass', () => {
  const r = new ResumePoint();
  assert.equal(r.sinceTime(), undefined);
  for (const t of [at(100, 1), at(100, 5), at(100, 5), at(101, 0)]) r.seen(t);
  r.seen(at(101, 0));
  assert.equal(r.sinceTime(), '1970-01-01T00:01:41Z');
  const seam = r.seam();
  // The server sends the whole second again: 101.0 twice (seen), then a third 101.0 (new), then later lines.
  assert.deepEqual(
    [at(101, 0), at(101, 0), at(101, 0), at(101, 7), at(102)].map((t) => seam.accept(t)),
    [false, false, true, true, true],
  );
});

test('resume at any cut loses and doubles nothing (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 60 }),
      fc.nat(),
      (steps, cutAt) => {
        // A log with non-decreasing timestamps (several lines may share one).
        let s = 1000;
        let n = 0;
        const log = steps.map(([ds, dn], i) => {
          if (ds > 0) {
            s += ds;
            n = 0;
          } else n += dn;
          return { time: at(s, n), text: `line ${i}` };
        });
        const cut = cutAt % (log.length + 1);
        const r = new ResumePoint();
        const shown = log.slice(0, cut);
        for (const l of shown) r.seen(l.time);
        // The server resends from the start of the second of the last line seen (inclusive).
        const since = r.sinceTime();
        const sinceSec = since === undefined ? -Infinity : Date.parse(since) / 1000;
        const resent = log.filter((l) => l.time.seconds >= sinceSec);
        const seam = r.seam();
        const after = resent.filter((l) => seam.accept(l.time));
        assert.deepEqual(
          [...shown, ...after].map((l) => l.text),
          log.map((l) => l.text),
        );
      },
    ),
  );
});
