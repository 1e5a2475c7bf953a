/**
 * Group "paint": the TUI in a real pseudo-terminal (tmux, 120×40, no CI variable), from process
 * start to the first painted pod rows, alternated with the floor process (first stdout byte,
 * printed right after its JSON.parse) for the same list.
 */
import { runTimed } from '../proc.js';
import { repsFor, roundBudgetSec } from '../options.js';
import { floorRequest } from '../k8s.js';
import { memoryMiB } from '../procstat.js';
import { pairedRatio, ratio, summarize } from '../stats.js';
import { firstRows, fullyLoaded, startTui, TUI_SCOPE, waitScreen, type Tui } from '../tui-driver.js';
import type { Tmux } from '../tmux.js';
import { placeholderReason, type GroupResult, type SizeCtx } from '../context.js';

/** Runs the first-paint group for one size. */
export async function paintGroup(c: SizeCtx, tmux: Tmux, onFirst?: (tui: Tui) => Promise<void>): Promise<GroupResult> {
  const maxReps = repsFor(c.opts, c.pods);
  const stopAt = Date.now() + roundBudgetSec(c.opts, 'paint', c.pods) * 1000;
  let reps = 0;
  const floorArgs = [
    c.floorJs,
    JSON.stringify(floorRequest(c.target, TUI_SCOPE.includes('-A') ? undefined : c.namespaces[0]?.name, c.namespaces)),
  ];
  const paint: number[] = [];
  const loaded: number[] = [];
  const frame: number[] = [];
  const rss: number[] = [];
  const floor: number[] = [];
  const timeoutMs = 60000 + c.pods;
  for (let round = 0; round < maxReps && (round === 0 || Date.now() < stopAt); round++, reps++) {
    const order = round % 2 === 0 ? ['tui', 'floor'] : ['floor', 'tui'];
    for (const what of order) {
      if (what === 'floor') {
        const r = await runTimed(process.execPath, floorArgs, { env: c.env(), cwd: c.tmp, timeoutMs: 120000, timeTool: undefined });
        floor.push(r.ok ? r.firstByteMs : NaN);
        continue;
      }
      const tui = await startTui(c, tmux, c.sim.kubeconfigPath, ['--interval', `${c.opts.intervalSec}s`]);
      try {
        // The first frame of any kind (header, "loading…") separates start-up from the list.
        const anything = await waitScreen(tui.pane, (sc) => sc.some((l) => l.trim() !== ''), timeoutMs);
        frame.push(anything ? anything.at - tui.t0 : NaN);
        const r = await firstRows(tui, c.pods, timeoutMs);
        if ('reason' in r) {
          if (round === 0) return { status: 'unavailable', reason: `no pod rows on screen: ${placeholderReason(r.reason) ?? r.reason}` };
          paint.push(NaN);
        } else {
          paint.push(r.ms);
          rss.push(memoryMiB(tui.pid).rss);
          loaded.push(await fullyLoaded(tui, timeoutMs));
          c.log(`  first paint ${r.ms.toFixed(0)} ms, loaded ${loaded[loaded.length - 1]?.toFixed(0)} ms`);
          // Another group (keys) may use this TUI once, rather than start one more at this size.
          if (round === 0 && onFirst) await onFirst(tui);
        }
      } finally {
        await tui.pane.kill();
      }
    }
  }
  const p = summarize(paint);
  const f = summarize(floor);
  return {
    status: 'ok',
    data: {
      reps,
      maxReps,
      scope: TUI_SCOPE.join(' ') || 'context namespace',
      terminal: '120x40 tmux pane, CI unset',
      firstPaintMs: p,
      rssAtPaintMiB: summarize(rss),
      fullyLoadedMs: summarize(loaded),
      firstFrameMs: summarize(frame),
      floorFirstByteMs: f,
      ratios: {
        'first paint / floor': ratio(p.median, f.median),
        'first paint / floor (paired)': pairedRatio(paint, floor),
        'first frame / floor': ratio(summarize(frame).median, f.median),
        'first frame / floor (paired)': pairedRatio(frame, floor),
      },
    },
  };
}
