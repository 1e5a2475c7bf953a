/** Placeholder: `kpods contexts` is not built yet. */
import type { Command } from './io.js';

export const contextsCommand: Command = async (_args, io) => {
  io.stderr.write('kpods contexts: not implemented yet\n');
  return 1;
};
