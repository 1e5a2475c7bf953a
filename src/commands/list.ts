/** Placeholder: `kpods list` is not built yet. */
import type { Command } from './io.js';

export const listCommand: Command = async (_args, io) => {
  io.stderr.write('kpods list: not implemented yet\n');
  return 1;
};
