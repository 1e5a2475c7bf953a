/**
 * The terminal closes under the running UI (SIGHUP): giving the screen back fails with EIO, as a
 * closed pseudo-terminal answers, and kpods ends cleanly instead of crashing on the write error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { startUi } from '../../src/ui/run.js';
import { createStore } from '../../src/ui/store.js';

/** A terminal-like output whose writes fail with EIO once `gone` is set. */
function terminal(): { out: NodeJS.WriteStream; hangUp(): void } {
  let gone = false;
  const out = new Writable({
    write(_chunk, _enc, done) {
      if (!gone) return done();
      const err = Object.assign(new Error('write EIO'), { code: 'EIO', errno: -5, syscall: 'write' });
      done(err);
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(out, { isTTY: true, columns: 100, rows: 30 });
  return { out, hangUp: () => (gone = true) };
}

test('SIGHUP with the terminal gone: the UI ends, the failed writes are no crash', async () => {
  const term = terminal();
  const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
  const crashes: unknown[] = [];
  const onCrash = (err: unknown): void => void crashes.push(err);
  process.on('uncaughtException', onCrash);
  try {
    const ui = startUi({
      store: createStore(),
      color: false,
      now: () => new Date(0),
      stdin,
      stdout: term.out,
      stderr: term.out,
    });
    term.hangUp();
    process.emit('SIGHUP', 'SIGHUP');
    await ui.done;
    // The stream reports the failed write on a later tick.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(crashes, []);
  } finally {
    process.off('uncaughtException', onCrash);
  }
});
