/** Search: smart case, ranges for highlighting, next/previous with wrap-around, counts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineBuffer } from '../../../src/core/logs/buffer.js';
import { findMatch, matchCount, matchRanges, searchQuery } from '../../../src/core/logs/search.js';

const buf = (texts: string[], cap = 100) => {
  const b = new LineBuffer(cap);
  b.push(texts.map((text) => ({ text })));
  return b;
};

test('smart case: lower-case queries ignore case, a capital makes it exact', () => {
  assert.deepEqual(matchRanges('Error error ERROR', searchQuery('error')), [
    [0, 5],
    [6, 11],
    [12, 17],
  ]);
  assert.deepEqual(matchRanges('Error error ERROR', searchQuery('Error')), [[0, 5]]);
  assert.deepEqual(matchRanges('aaaa', searchQuery('aa')), [
    [0, 2],
    [2, 4],
  ]);
  assert.deepEqual(matchRanges('x', searchQuery('')), []);
});

test('next and previous wrap around; none when nothing matches', () => {
  const b = buf(['a', 'error 1', 'b', 'error 2', 'c']);
  const q = searchQuery('error');
  const text = (s: number) => b.get(s)!.text;
  assert.equal(findMatch(b, 0, 1, q, text), 1);
  assert.equal(findMatch(b, 1, 1, q, text), 3);
  assert.equal(findMatch(b, 3, 1, q, text), 1);
  assert.equal(findMatch(b, 1, -1, q, text), 3);
  assert.equal(findMatch(b, 4, -1, q, text), 3);
  assert.equal(findMatch(b, 0, 1, searchQuery('zzz'), text), undefined);
  assert.deepEqual(matchCount(b, q, text, 3), { total: 2, index: 2 });
});

test('works on sequence numbers after old lines were dropped', () => {
  const b = buf(['x0', 'hit', 'x2', 'x3', 'hit', 'x5'], 4);
  assert.equal(b.first, 2);
  const text = (s: number) => b.get(s)!.text;
  assert.equal(findMatch(b, 5, 1, searchQuery('hit'), text), 4);
  assert.equal(findMatch(b, 0, 1, searchQuery('hit'), text), 4);
  assert.deepEqual(matchCount(b, searchQuery('hit'), text), { total: 1, index: 0 });
});
