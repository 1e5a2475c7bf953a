/** Bytes to lines: UTF-8 across chunk boundaries, CRLF, the unfinished last line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineSplitter } from '../../../src/core/logs/lines.js';

const enc = (s: string) => new TextEncoder().encode(s);

test('a multi-byte character split across chunks is decoded whole', () => {
  const bytes = enc('grüße 日本 🙂\nnext\n');
  const s = new LineSplitter();
  const out: string[] = [];
  for (const b of bytes) out.push(...s.push(new Uint8Array([b])));
  assert.deepEqual(out, ['grüße 日本 🙂', 'next']);
  assert.equal(s.pending, false);
});

test('CRLF endings lose the CR; empty lines are kept; the unfinished line waits', () => {
  const s = new LineSplitter();
  assert.deepEqual(s.push(enc('a\r\n\r\nb')), ['a', '']);
  assert.equal(s.pending, true);
  assert.deepEqual(s.push(enc('c\n')), ['bc']);
});

test('a clean end keeps the unfinished last line; a cut stream drops it', () => {
  const clean = new LineSplitter();
  clean.push(enc('done\nno newline'));
  assert.deepEqual(clean.end(true), ['no newline']);
  const cut = new LineSplitter();
  cut.push(enc('whole\nhal'));
  assert.deepEqual(cut.end(false), []);
  assert.deepEqual(cut.push(enc('fresh\n')), ['fresh']);
});

test('invalid UTF-8 becomes U+FFFD instead of failing', () => {
  const s = new LineSplitter();
  assert.deepEqual(s.push(new Uint8Array([0x61, 0xff, 0x62, 0x0a])), ['a\ufffdb']);
});

test('any chunking gives the same lines (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 20 }), fc.array(fc.nat(40), { maxLength: 30 }), (lines, cuts) => {
      const text = lines.map((l) => l.replace(/[\r\n]/g, '') + '\n').join('');
      const bytes = enc(text);
      const s = new LineSplitter();
      const out: string[] = [];
      let pos = 0;
      for (const c of cuts) {
        const next = Math.min(bytes.length, pos + c);
        out.push(...s.push(bytes.subarray(pos, next)));
        pos = next;
      }
      out.push(...s.push(bytes.subarray(pos)), ...s.end(true));
      assert.deepEqual(
        out,
        lines.map((l) => l.replace(/[\r\n]/g, '')),
      );
    }),
  );
});
