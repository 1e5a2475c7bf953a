/** How every headless command writes: failures on stderr in one shape, and a closed pipe is no error. */
import type { Failure } from '../core/failure.js';
import { hintText } from '../core/hint.js';
import { capLines, neutralizeMultiline } from '../core/terminal-text.js';
import type { CommandIo } from './io.js';

/** Renders a Failure for stderr: summary, detail, hints; cluster text already neutralised. */
export function formatFailure(f: Failure, command: string): string {
  const lines = [`kpods ${command}: ${f.summary}`, `  stage: ${f.stage} (${f.code})`];
  if (f.detail) for (const d of f.detail.split('\n')) lines.push(`  ${d}`);
  for (const h of f.hints) lines.push(`  try: ${hintText(h, 'cli')}`);
  return capLines(neutralizeMultiline(lines.join('\n'))) + '\n';
}

/** A reader that closes the pipe early (`kpods list | head`) is not an error: stop quietly, as kubectl does. */
export function quietOnClosedPipe(io: CommandIo): void {
  io.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') io.stderr.write(`kpods: cannot write output (${err.code ?? 'error'})\n`);
  });
}
