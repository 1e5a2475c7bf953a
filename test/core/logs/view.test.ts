/** The log view model: following, holding with a counter, paging, wrap, timestamps, colour, search. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineBuffer } from '../../../src/core/logs/buffer.js';
import {
  initialLogView,
  nextMatch,
  scrollBy,
  search,
  toEnd,
  toStart,
  toggleFollow,
  unseenCount,
  visibleRows,
} from '../../../src/core/logs/view.js';

const buf = (n: number, cap = 1000) => {
  const b = new LineBuffer(cap);
  b.push(Array.from({ length: n }, (_, i) => ({ ts: `2026-12-01T00:00:${String(i % 60).padStart(2, '0')}.5Z`, text: `line ${i}` })));
  return b;
};
const texts = (rows: { text: string }[]) => rows.map((r) => r.text);

test('following shows the end; never more rows than the height', () => {
  const b = buf(50);
  const s = initialLogView();
  assert.deepEqual(texts(visibleRows(s, b, 3, 80)), ['line 47', 'line 48', 'line 49']);
  b.push([{ text: 'line 50' }]);
  assert.deepEqual(texts(visibleRows(s, b, 3, 80)), ['line 48', 'line 49', 'line 50']);
  assert.equal(visibleRows(s, buf(2), 5, 80).length, 2);
});

test('f holds the view where it is; new lines are counted, not shown; G follows again', () => {
  const b = buf(50);
  let s = toggleFollow(initialLogView(), b, 3, 80);
  assert.equal(s.follow, false);
  b.push([{ text: 'new 1' }, { text: 'new 2' }]);
  assert.deepEqual(texts(visibleRows(s, b, 3, 80)), ['line 47', 'line 48', 'line 49']);
  assert.equal(unseenCount(s, b), 2);
  s = toEnd(s, b);
  assert.equal(unseenCount(s, b), 0);
  assert.deepEqual(texts(visibleRows(s, b, 3, 80)), ['line 49', 'new 1', 'new 2']);
});

test('scrolling up leaves follow; paging and g clamp to what the buffer keeps', () => {
  const b = buf(50, 20);
  let s = scrollBy(initialLogView(), b, -5, 4, 80);
  assert.equal(s.follow, false);
  assert.deepEqual(texts(visibleRows(s, b, 4, 80)), ['line 41', 'line 42', 'line 43', 'line 44']);
  s = scrollBy(s, b, -100, 4, 80);
  assert.equal(visibleRows(s, b, 4, 80)[0]!.text, 'line 30');
  s = scrollBy(s, b, 1000, 4, 80);
  assert.equal(visibleRows(s, b, 4, 80)[0]!.text, 'line 46');
  assert.equal(toStart(s, b).top, 30);
  // Lines dropped under a held view: it moves to the oldest line kept.
  b.push(Array.from({ length: 30 }, (_, i) => ({ text: `more ${i}` })));
  assert.equal(visibleRows(toStart(s, b), b, 4, 80)[0]!.text, 'more 10');
});

test('wrap splits long lines into rows; without wrap a row is cut at the width', () => {
  const b = new LineBuffer(10);
  b.push([{ text: 'short' }, { text: 'abcdefghijkl' }]);
  assert.deepEqual(texts(visibleRows({ ...initialLogView(), wrap: true }, b, 10, 5)), ['short', 'abcde', 'fghij', 'kl']);
  assert.deepEqual(texts(visibleRows(initialLogView(), b, 10, 5)), ['short', 'abcde']);
  // Following with wrap: the end fills the screen, the top line may be the one that fits.
  assert.deepEqual(texts(visibleRows({ ...initialLogView(), wrap: true }, b, 3, 5)), ['abcde', 'fghij', 'kl']);
});

test('timestamps are a column when on; escapes are shown; colour renders SGR only', () => {
  const b = new LineBuffer(10);
  b.push([{ ts: '2026-12-01T00:00:01.25Z', text: '\u001b[31mred\u001b[0m\u001b]0;title\u0007' }]);
  const plain = visibleRows(initialLogView(), b, 1, 200)[0]!;
  assert.equal(plain.text, '^[[31mred^[[0m^[]0;title^G');
  const stamped = visibleRows({ ...initialLogView(), timestamps: true }, b, 1, 200)[0]!;
  assert.match(stamped.text, /^2026-12-01T00:00:01\.25Z +\^\[\[31m/);
  const coloured = visibleRows({ ...initialLogView(), colour: true }, b, 1, 200)[0]!;
  assert.equal(coloured.text, 'red^[]0;title^G');
  assert.deepEqual(coloured.segments, [
    { text: 'red', style: { color: 'red' } },
    { text: '^[]0;title^G', style: {} },
  ]);
});

test('search jumps to the last match, n and N move and wrap, matches are highlighted', () => {
  const b = new LineBuffer(100);
  b.push(Array.from({ length: 40 }, (_, i) => ({ text: i % 10 === 3 ? `ERROR at ${i}` : `ok ${i}` })));
  let s = search(initialLogView(), b, 'error', 5, 80);
  assert.equal(s.search?.at, 33);
  assert.equal(s.follow, false);
  const rows = visibleRows(s, b, 5, 80);
  const hit = rows.find((r) => r.seq === 33)!;
  assert.ok(hit.current);
  assert.deepEqual(hit.highlights, [[0, 5]]);
  s = nextMatch(s, b, -1, 5, 80);
  assert.equal(s.search?.at, 23);
  s = nextMatch(nextMatch(s, b, 1, 5, 80), b, 1, 5, 80);
  assert.equal(s.search?.at, 3);
  assert.equal(search(initialLogView(), b, 'nothing', 5, 80).search?.at, undefined);
});
