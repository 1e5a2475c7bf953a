/** Placeholder: `kpods tui` is not built yet. */
import type { Command } from './io.js';

export const tuiCommand: Command = async (_args, io) => {
  io.stderr.write('kpods tui: not implemented yet\n');
  return 1;
};
