/** An in-process CommandIo: collects stdout/stderr as text; stdin may claim to be a terminal. */
import { PassThrough, Writable } from 'node:stream';
import type { CommandIo } from '../../src/commands/io.js';

export interface TestIo {
  io: CommandIo;
  out: () => string;
  err: () => string;
}

export function testIo(opts: { home: string; terminal?: boolean; env?: Record<string, string | undefined> }): TestIo {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        append(chunk.toString());
        cb();
      },
    });
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (opts.terminal) stdin.isTTY = true;
  const env: Record<string, string | undefined> = { PATH: process.env['PATH'], HOME: opts.home, ...(opts.env ?? {}) };
  return {
    io: {
      stdout: sink((s) => (out += s)),
      stderr: sink((s) => (err += s)),
      stdin,
      host: { env, home: opts.home, cwd: opts.home, now: () => new Date() },
    },
    out: () => out,
    err: () => err,
  };
}
