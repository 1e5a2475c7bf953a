/** The bounded line buffer: capacity, sequence numbers, eviction. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineBuffer, DEFAULT_LOG_BUFFER } from '../../../src/core/logs/buffer.js';

const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ text: `line ${from + i}` }));

test('keeps at most capacity lines; sequence numbers keep counting', () => {
  const b = new LineBuffer(5);
  b.push(lines(0, 3));
  assert.equal(b.length, 3);
  b.push(lines(3, 4));
  assert.equal(b.length, 5);
  assert.equal(b.first, 2);
  assert.equal(b.end, 7);
  assert.equal(b.dropped, 2);
  assert.equal(b.get(1), undefined);
  assert.equal(b.get(2)?.text, 'line 2');
  assert.equal(b.get(6)?.text, 'line 6');
  assert.equal(b.get(7), undefined);
  assert.deepEqual(
    b.slice(0, 100).map((l) => l.text),
    ['line 2', 'line 3', 'line 4', 'line 5', 'line 6'],
  );
});

test('the default is 10,000 lines, and a million pushed lines keep it there', () => {
  const b = new LineBuffer();
  assert.equal(b.capacity, DEFAULT_LOG_BUFFER);
  for (let i = 0; i < 100; i++) b.push(lines(i * 10_000, 10_000));
  assert.equal(b.length, 10_000);
  assert.equal(b.first, 990_000);
  assert.equal(b.get(999_999)?.text, 'line 999999');
});

test('grows in steps below capacity and stays in order', () => {
  const b = new LineBuffer(3000);
  for (let i = 0; i < 3500; i++) b.push([{ text: String(i) }]);
  assert.equal(b.get(500)?.text, '500');
  assert.equal(b.get(3499)?.text, '3499');
  assert.equal(b.get(499), undefined);
});

test('version changes on every push and clear; clear keeps counting', () => {
  const b = new LineBuffer(4);
  const v0 = b.version;
  b.push(lines(0, 2));
  assert.notEqual(b.version, v0);
  b.clear();
  assert.equal(b.length, 0);
  assert.equal(b.first, 2);
  b.push(lines(2, 1));
  assert.equal(b.get(2)?.text, 'line 2');
});
