/** Placeholder: `kpods demo` is not built yet. */
import type { Command } from './io.js';

export const demoCommand: Command = async (_args, io) => {
  io.stderr.write('kpods demo: not implemented yet\n');
  return 1;
};
