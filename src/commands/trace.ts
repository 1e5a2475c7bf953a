/** Placeholder: `kpods trace` is not built yet. */
import type { Command } from './io.js';

export const traceCommand: Command = async (_args, io) => {
  io.stderr.write('kpods trace: not implemented yet\n');
  return 1;
};
