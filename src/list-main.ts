/**
 * The entry of `kpods list` alone, for the bundled script bin/kpods.js runs (dist/kpods-list.cjs,
 * see scripts/bundle.js): the list command and only what it imports, without the other commands,
 * the UI or the simulator. `kpods list ARGS` behaves as through cli.ts's main.
 */
import { listCommand } from './commands/list.js';
import { reportUnexpected } from './commands/unexpected.js';
import { processIo } from './process-io.js';

/** Runs `kpods list` with the arguments after `list`; resolves to the exit code. */
export async function runList(args: string[]): Promise<number> {
  const io = processIo();
  try {
    return await listCommand(args, io);
  } catch (err) {
    return reportUnexpected(err, io);
  }
}
