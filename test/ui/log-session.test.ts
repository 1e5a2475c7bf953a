/** The UI's log session: lines land in the buffer at once, the screen is told at most once a frame; stop closes the stream. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogSession } from '../../src/ui/log-session.js';
import { explainSaveError, saveLogBuffer } from '../../src/ui/log-save.js';
import { LineBuffer } from '../../src/core/logs/index.js';

const enc = new TextEncoder();

test('10,000 lines in 200 chunks: all in the (bounded) buffer, a handful of repaints, and stop closes the stream', async () => {
  let closed = 0;
  let release: () => void = () => {};
  const hold = new Promise<void>((r) => (release = r));
  async function* chunks() {
    for (let c = 0; c < 200; c++) {
      let s = '';
      for (let i = 0; i < 50; i++) s += `2026-12-01T00:00:00.${String(c * 50 + i).padStart(6, '0')}Z line ${c * 50 + i}\n`;
      yield enc.encode(s);
      if (c % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    await hold;
  }
  let changes = 0;
  let done: () => void = () => {};
  const settled = new Promise<void>((r) => (done = r));
  const session = new LogSession(
    {
      openLog: async () => ({ ok: true, value: { chunks: chunks(), close: () => (closed++, release()) } }),
      sleep: () => new Promise(() => {}),
    },
    { namespace: 'ns', pod: 'p' },
    {
      bufferLines: 4000,
      frameMs: 50,
      onChange: () => {
        changes++;
        if (session.buffer.end === 10_000) done();
      },
    },
  );
  const t0 = performance.now();
  session.start();
  await settled;
  const elapsed = performance.now() - t0;
  assert.equal(session.buffer.length, 4000);
  assert.equal(session.buffer.get(9999)?.text, 'line 9999');
  // At most one repaint per 50 ms frame (plus the first), however many chunks arrived.
  assert.ok(changes <= Math.ceil(elapsed / 50) + 1 && changes < 200, `${changes} repaints in ${elapsed.toFixed(0)} ms for 10,000 lines`);
  session.stop();
  assert.ok(closed >= 1);
});

test('save writes the buffer (not the notices) to a new mode-600 file, timestamps when shown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpods-save-'));
  try {
    const b = new LineBuffer(10);
    b.push([
      { ts: '2026-12-01T00:00:01Z', text: 'one \u001b[31m' },
      { text: 'log stream ended; resuming', notice: true },
      { ts: '2026-12-01T00:00:02Z', text: 'two' },
    ]);
    const opts = {
      namespace: 'shop',
      pod: 'cart-1',
      container: 'cart',
      timestamps: true,
      now: new Date(Date.UTC(2026, 11, 1, 2, 3, 4)),
      dirs: [dir],
    };
    const saved = saveLogBuffer(b, opts);
    assert.deepEqual(saved, { ok: true, path: join(dir, 'kpods-shop-cart-1-cart-20261201T020304Z.log'), lines: 2 });
    assert.ok(saved.ok);
    assert.equal(readFileSync(saved.path, 'utf8'), '2026-12-01T00:00:01Z one \u001b[31m\n2026-12-01T00:00:02Z two\n');
    assert.equal(statSync(saved.path).mode & 0o777, 0o600);
    // A second save in the same second is not written over the first.
    const again = saveLogBuffer(b, opts);
    assert.ok(again.ok && again.path === join(dir, 'kpods-shop-cart-1-cart-20261201T020304Z-2.log'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a save that cannot be written is explained by its cause (never the system message), after trying each folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpods-save-'));
  try {
    const b = new LineBuffer(10);
    b.push([{ text: 'x' }]);
    const base = { namespace: 'shop', pod: 'cart-1', timestamps: false, now: new Date(0) };
    const missing = saveLogBuffer(b, { ...base, dirs: [join(dir, 'gone'), join(dir, 'gone-too')] });
    assert.deepEqual(missing, {
      ok: false,
      failure: {
        code: 'no-folder',
        summary: `${join(dir, 'gone')} or ${join(dir, 'gone-too')} does not exist (any more)`,
        hint: 'start kpods from a folder you can write to',
      },
    });
    // The second folder is used when the first fails.
    const second = saveLogBuffer(b, { ...base, dirs: [join(dir, 'gone'), dir] });
    assert.ok(second.ok && second.path.startsWith(dir));
    for (const [code, expected] of [
      ['EACCES', 'permission'],
      ['EROFS', 'read-only'],
      ['ENOSPC', 'no-space'],
      ['EMFILE', 'too-many-files'],
      ['EIO', 'other'],
    ] as const) {
      const err = Object.assign(new Error(`${code}: raw system text, open '/secret/path'`), { code });
      const f = explainSaveError(err, ['/here']);
      assert.equal(f.code, expected);
      assert.doesNotMatch(f.summary, /raw system text|secret/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
