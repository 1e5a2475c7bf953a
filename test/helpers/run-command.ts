/** Runs a headless command in-process through CommandIo, collecting what it writes. */
import { PassThrough } from 'node:stream';
import type { Command } from '../../src/commands/io.js';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command(args)` with an empty environment, HOME = `home`, and the given clock. */
export async function runCommand(command: Command, args: string[], opts: { home: string; now?: () => Date }): Promise<CommandRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  err.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await command(args, {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    host: { env: {}, home: opts.home, cwd: opts.home, now: opts.now ?? (() => new Date()) },
  });
  return { code, stdout, stderr };
}
