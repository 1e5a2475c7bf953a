/**
 * Group "keys": keystroke-to-frame latency in the TUI at a large size: typing a filter (`/`,
 * then one character at a time, until the screen shows the text and only matching rows) and
 * scrolling (PageDown, G, g: until the rows on screen change).
 */
import { firstRows, rowLines, sleep, startTui, waitScreen, type Tui } from '../tui-driver.js';
import { summarize } from '../stats.js';
import type { Tmux } from '../tmux.js';
import { rowPod } from './change.js';
import { placeholderReason, type GroupResult, type SizeCtx } from '../context.js';

async function timeKey(tui: Tui, send: () => Promise<void>, done: (s: string[]) => boolean): Promise<number> {
  const t0 = Date.now();
  await send();
  const seen = await waitScreen(tui.pane, done, 10000, 1);
  return seen ? seen.at - t0 : NaN;
}

/** Runs the keystroke group at `c.pods` pods. */
export async function keysGroup(c: SizeCtx, tmux: Tmux): Promise<GroupResult> {
  const tui = await startTui(c, tmux, c.sim.kubeconfigPath, ['--interval', `${c.opts.intervalSec}s`, '--watch']);
  try {
    const first = await firstRows(tui, c.pods, 60000 + c.pods);
    if ('reason' in first) return { status: 'unavailable', reason: placeholderReason(first.reason) ?? first.reason };
    await sleep(1500);
    const scroll: number[] = [];
    const rowsKey = (s: string[]): string => rowLines(s).join('\n');
    for (const key of ['PageDown', 'PageDown', 'PageDown', 'PageDown', 'PageDown', 'PageUp', 'G', 'g', 'PageDown', 'PageDown']) {
      const before = rowsKey(await tui.pane.capture());
      scroll.push(await timeKey(tui, () => tui.pane.keys(key), (s) => rowLines(s).length > 0 && rowsKey(s) !== before));
    }
    // The filter: a stretch of a pod name from the middle of the screen.
    const rows = rowLines(await tui.pane.capture());
    const pod = rowPod(rows[Math.floor(rows.length / 2)] ?? '', '');
    if (!pod) return { status: 'error', reason: 'could not read a pod name from the screen' };
    const query = pod.name.slice(0, 8);
    const filter: number[] = [];
    const beforeSlash = (await tui.pane.capture()).join('\n');
    const slash = await timeKey(tui, () => tui.pane.type('/'), (s) => s.join('\n') !== beforeSlash);
    for (let i = 1; i <= query.length; i++) {
      const typed = query.slice(0, i);
      filter.push(
        await timeKey(
          tui,
          () => tui.pane.type(typed.slice(-1)),
          (s) => s.some((l) => l.includes(typed) && !rowLines([l]).length) && rowLines(s).every((l) => l.includes(typed)) && rowLines(s).length > 0,
        ),
      );
    }
    await tui.pane.keys('Escape');
    return {
      status: 'ok',
      data: {
        pods: c.pods,
        query,
        scrollMs: summarize(scroll),
        filterMs: summarize(filter),
        scrollSamples: scroll,
        filterSamples: filter,
        openFilterMs: slash,
        method: 'tmux control client: send keys, then capture the screen every ~1 ms until it shows the result',
      },
    };
  } finally {
    await tui.pane.kill();
  }
}
