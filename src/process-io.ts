/**
 * The one place that reads the process: its streams, environment, home directory, working folder
 * and clock, as a CommandIo. stdin is made on first use: creating it costs about 10 ms (a TTY or
 * pipe stream and its modules), and most commands never read it.
 */
import { homedir } from 'node:os';
import type { CommandIo } from './commands/io.js';

export function processIo(): CommandIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    host: { env: process.env, home: process.env['HOME'] ? homedir() : undefined, cwd: process.cwd(), now: () => new Date() },
  };
}
