/**
 * Runs a kpods command in this process, through the injectable CommandIo: the same dispatch as
 * the binary (src/cli.ts run), with in-memory streams and a host built from the given environment.
 * Spawn the binary (run-kpods.ts) only where the process itself is the point.
 */
import { PassThrough, Readable } from 'node:stream';
import type { CommandIo } from '../../src/commands/io.js';
import { run } from '../../src/cli.js';
import { repoRoot, type RunOptions, type RunResult } from './run-kpods.js';

export interface CommandRunOptions extends RunOptions {
  /** The clock the command sees; the real one by default. */
  now?: () => Date;
}

/** A CommandIo on in-memory streams, and what was written to them. */
export interface CapturedIo {
  io: CommandIo;
  stdout(): string;
  stderr(): string;
}

/** The host as the binary builds it: `env` exactly when given (plus PATH), HOME as the home directory. */
export function captureIo(opts: CommandRunOptions = {}): CapturedIo {
  const env: Record<string, string | undefined> = opts.env ? { PATH: process.env['PATH'], ...opts.env } : { ...process.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const io: CommandIo = {
    stdout,
    stderr,
    stdin: Readable.from(opts.input === undefined ? [] : [opts.input]),
    host: { env, home: env['HOME'] || undefined, cwd: opts.cwd ?? repoRoot, now: opts.now ?? (() => new Date()) },
  };
  return { io, stdout: () => out, stderr: () => err };
}

/** Runs `kpods ...args` in this process; resolves with its exit code and output, as runKpods does for the binary. */
export async function runCommand(args: string[], opts: CommandRunOptions = {}): Promise<RunResult> {
  const captured = captureIo(opts);
  const code = await run(args, captured.io);
  // Writes to a PassThrough are delivered on the next tick; let them land before reading.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}
