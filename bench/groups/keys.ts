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

/** Waits (up to 3 s) until two captures 60 ms apart show the same pod names: no frame in flight. */
async function settle(tui: Tui, key: (s: string[]) => string): Promise<void> {
  let last = key(await tui.pane.capture());
  for (let i = 0; i < 50; i++) {
    await sleep(60);
    const now = key(await tui.pane.capture());
    if (now === last) return;
    last = now;
  }
}

async function timeKey(tui: Tui, send: () => Promise<void>, done: (s: string[]) => boolean): Promise<number> {
  const t0 = Date.now();
  await send();
  const seen = await waitScreen(tui.pane, done, 10000, 1);
  return seen ? seen.at - t0 : NaN;
}

/** Runs the keystroke group with its own TUI (when the paint group does not host it). */
export async function keysGroup(c: SizeCtx, tmux: Tmux): Promise<GroupResult> {
  const tui = await startTui(c, tmux, c.sim.kubeconfigPath, ['--interval', `${c.opts.intervalSec}s`]);
  try {
    const first = await firstRows(tui, c.pods, 60000 + c.pods);
    if ('reason' in first) return { status: 'unavailable', reason: placeholderReason(first.reason) ?? first.reason };
    return await keysOn(c, tui);
  } finally {
    await tui.pane.kill();
  }
}

/** Measures keystroke-to-frame on a TUI that shows rows (default flags: polling every interval). */
export async function keysOn(c: SizeCtx, tui: Tui): Promise<GroupResult> {
  await sleep(1500);
  // Compare pod names only: AGE cells and the header tick by themselves.
  const names = (s: string[]): string[] => rowLines(s).map((l) => rowPod(l, '')?.name ?? '');
  const rowsKey = (s: string[]): string => names(s).join(' ');
  const scroll: number[] = [];
  {
    for (const key of ['PageDown', 'PageDown', 'PageDown', 'PageDown', 'PageDown', 'PageUp', 'G', 'g', 'PageDown', 'PageDown']) {
      await settle(tui, rowsKey);
      const before = rowsKey(await tui.pane.capture());
      scroll.push(
        await timeKey(
          tui,
          () => tui.pane.keys(key),
          (s) => rowLines(s).length > 0 && rowsKey(s) !== before,
        ),
      );
    }
    // Sorting: status, age, name again, restarts (each reorders the rows on screen).
    const sort: number[] = [];
    for (const key of ['S', 'A', 'N', 'R', 'N']) {
      await settle(tui, rowsKey);
      const before = rowsKey(await tui.pane.capture());
      sort.push(
        await timeKey(
          tui,
          () => tui.pane.type(key),
          (s) => rowLines(s).length > 0 && rowsKey(s) !== before,
        ),
      );
    }
    // The filter: a stretch of a pod name from the middle of the screen.
    const rows = rowLines(await tui.pane.capture());
    const pod = rowPod(rows[Math.floor(rows.length / 2)] ?? '', '');
    if (!pod) return { status: 'error', reason: 'could not read a pod name from the screen' };
    const query = pod.name.slice(0, 8);
    const filter: number[] = [];
    const beforeSlash = (await tui.pane.capture()).join('\n');
    const slash = await timeKey(
      tui,
      () => tui.pane.type('/'),
      (s) => s.join('\n') !== beforeSlash,
    );
    for (let i = 1; i <= query.length; i++) {
      const typed = query.slice(0, i);
      await settle(tui, (s) => s.join('\n'));
      filter.push(
        await timeKey(
          tui,
          () => tui.pane.type(typed.slice(-1)),
          (s) =>
            s.some((l) => l.includes(`/${typed}`) && !rowLines([l]).length) &&
            names(s).length > 0 &&
            names(s).every((n) => n.includes(typed)),
        ),
      );
    }
    c.log(`  keys: sort ${sort.map((x) => x.toFixed(0)).join(' ')} ms`);
    c.log(`  keys: scroll ${scroll.map((x) => x.toFixed(0)).join(' ')} ms; filter ${filter.map((x) => x.toFixed(0)).join(' ')} ms`);
    await tui.pane.keys('Escape');
    return {
      status: 'ok',
      data: {
        pods: c.pods,
        query,
        scrollMs: summarize(scroll),
        filterMs: summarize(filter),
        // G and g (the 7th and 8th scroll keys): the jumps to the ends of the list.
        edgeMs: summarize(scroll.slice(6, 8)),
        sortMs: summarize(sort),
        sortSamples: sort,
        scrollSamples: scroll,
        filterSamples: filter,
        openFilterMs: slash,
        mode: `default flags (polling every ${c.opts.intervalSec} s)`,
        method: 'tmux control client: send keys, then capture the screen every ~1 ms until it shows the result',
      },
    };
  }
}
