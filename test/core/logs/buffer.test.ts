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

test('the default is 10,000 lines, and 200,000 pushed lines keep it there', () => {
  const b = new LineBuffer();
  assert.equal(b.capacity, DEFAULT_LOG_BUFFER);
  for (let i = 0; i < 20; i++) b.push(lines(i * 10_000, 10_000));
  assert.equal(b.length, 10_000);
  assert.equal(b.first, 190_000);
  assert.equal(b.get(199_999)?.text, 'line 199999');
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

test('lines are kept as bytes: the ring wraps, grows to what the lines need, and keeps every line whole', () => {
  const b = new LineBuffer(50, 4096);
  const text = (i: number) => `${i} ${'é'.repeat(i % 37)}${i % 5 === 0 ? '' : ' 日本'}`;
  for (let i = 0; i < 5000; i++) {
    b.push([i % 3 === 0 ? { text: text(i) } : { ts: `2026-12-01T00:00:0${i % 10}Z`, text: text(i) }]);
    const first = Math.max(0, i - 49);
    assert.equal(b.get(i)?.text, text(i));
    assert.equal(b.get(first)?.text, text(first), `line ${first} after ${i}`);
  }
  assert.equal(b.length, 50);
  assert.ok(b.reservedBytes <= 4096);
  // Empty lines take no bytes and are kept like the others.
  b.push([{ text: '' }, { text: 'after' }, { text: '' }]);
  assert.deepEqual(
    b.slice(b.end - 3, b.end).map((l) => l.text),
    ['', 'after', ''],
  );
});

test('the bytes are bounded too: beyond maxBytes the oldest lines go, however few lines that leaves', () => {
  const b = new LineBuffer(1000, 2048);
  for (let i = 0; i < 100; i++) b.push([{ text: `${i}`.padEnd(300, '.') }]);
  assert.ok(b.length >= 5 && b.length <= 7, `${b.length} lines of 300 bytes in 2 KiB`);
  assert.equal(b.get(99)?.text, '99'.padEnd(300, '.'));
  assert.equal(b.reservedBytes, 2048);
});

test('append takes a line as the server sent it: the timestamp and notices are told apart when read', () => {
  const b = new LineBuffer(10);
  const bytes = new TextEncoder().encode('xx2026-12-01T00:00:01.5Z hello\nyy');
  b.append(bytes, 2, 30, 23);
  b.push([{ text: 'log stream ended; resuming', notice: true }]);
  assert.deepEqual(b.get(0), { ts: '2026-12-01T00:00:01.5Z', text: 'hello' });
  assert.deepEqual(b.get(1), { text: 'log stream ended; resuming', notice: true });
});
