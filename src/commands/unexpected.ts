/** An error no layer turned into a Failure: said as a bug in kpods, never as a raw stack trace. */
import { EXIT } from '../core/failure.js';
import { neutralizeMultiline } from '../core/terminal-text.js';
import type { CommandIo } from './io.js';

export function reportUnexpected(err: unknown, io: Pick<CommandIo, 'stderr'>): number {
  // The message may quote what a server or a file said: its escapes are shown, not obeyed.
  const message = neutralizeMultiline(err instanceof Error ? err.message : String(err));
  io.stderr.write(`kpods: unexpected error: ${message}\nThis is a bug in kpods; please report it with the command you ran.\n`);
  return EXIT.unexpected;
}
