/**
 * Group "logs": the TUI following a container that writes `--log-rate` lines a second (5,000 by
 * default): kpods' CPU and RSS over `--log-sec` seconds (RSS sampled to show it stays flat once
 * the buffer is full), keystroke-to-frame while following (t toggles the timestamp column;
 * PageUp holds the view, G follows again), and the time from a line written on the server
 * (its timestamp) to its appearance on screen.
 */
import { cpuMs, memoryMiB } from '../procstat.js';
import { firstRows, rowLines, sleep, startTui, waitScreen, type Tui } from '../tui-driver.js';
import { summarize } from '../stats.js';
import type { Tmux } from '../tmux.js';
import { placeholderReason, type GroupResult, type SizeCtx } from '../context.js';

/** A log row with the timestamp column on. */
const TS_ROW = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) /;
/** A log row of the fast pod (an nginx access line), with or without the timestamp column. */
const LOG_ROW = /\d+\.\d+\.\d+\.\d+ - - \[/;

function newestStamp(screen: string[]): number | undefined {
  for (let i = screen.length - 1; i >= 0; i--) {
    const m = TS_ROW.exec(screen[i]!);
    if (m) return Date.parse(m[1]!);
  }
  return undefined;
}
const stamped = (s: string[]) => s.filter((l) => TS_ROW.test(l)).length;
const logRows = (s: string[]) => s.filter((l) => LOG_ROW.test(l)).length;

async function timeKey(tui: Tui, key: string, literal: boolean, done: (s: string[]) => boolean): Promise<number> {
  const t0 = Date.now();
  await (literal ? tui.pane.type(key) : tui.pane.keys(key));
  const seen = await waitScreen(tui.pane, done, 5000, 1);
  return seen ? seen.at - t0 : NaN;
}

/** Opens the fast pod's log in a fresh TUI: filter the table to it, then `l`. */
async function openLog(c: SizeCtx, tmux: Tmux, pod: string): Promise<Tui | string> {
  const tui = await startTui(c, tmux, c.sim.kubeconfigPath, []);
  const first = await firstRows(tui, c.pods, 60000 + c.pods);
  if ('reason' in first) {
    await tui.pane.kill();
    return placeholderReason(first.reason) ?? first.reason;
  }
  await tui.pane.type('/');
  await tui.pane.type(pod);
  await tui.pane.keys('Enter');
  // The table shows only the fast pod (so the cursor is on it).
  await waitScreen(tui.pane, (s) => rowLines(s).length >= 1 && rowLines(s).every((l) => l.includes(pod)), 15000);
  await tui.pane.type('l');
  const shown = await waitScreen(tui.pane, (s) => logRows(s) >= 5, 20000);
  if (!shown) {
    const screen = (await tui.pane.capture()).map((l) => l.trimEnd()).filter(Boolean);
    await tui.pane.kill();
    return `the log did not appear: ${screen.slice(-6).join(' | ').slice(0, 300)}`;
  }
  return tui;
}

/** Runs the log group. */
export async function logsGroup(c: SizeCtx, tmux: Tmux): Promise<GroupResult> {
  const [namespace, pod] = (await c.sim.setLogRate(c.opts.logRate)).split('/') as [string, string];
  const opened = await openLog(c, tmux, pod);
  if (typeof opened === 'string') return { status: 'unavailable', reason: opened };
  const tui = opened;
  try {
    // Timestamps on: each row then says when the server wrote it.
    await tui.pane.type('t');
    await waitScreen(tui.pane, (s) => stamped(s) >= 5, 5000);
    await sleep(2000);
    // Line written → on screen: each time the newest line on screen changes, its age at that capture.
    const latency: number[] = [];
    let last: number | undefined;
    const until = Date.now() + 8000;
    while (Date.now() < until && latency.length < 400) {
      const screen = await tui.pane.capture();
      const at = Date.now();
      const ts = newestStamp(screen);
      if (ts !== undefined && ts !== last) {
        if (last !== undefined) latency.push(at - ts);
        last = ts;
      }
      await sleep(2);
    }
    // CPU and RSS over the window, RSS sampled along the way.
    const rss: number[] = [];
    const cpu0 = cpuMs(tui.pid);
    const t0 = Date.now();
    const steps = Math.max(1, Math.round(c.opts.logSec / 5));
    for (let i = 0; i < steps; i++) {
      await sleep((c.opts.logSec * 1000) / steps);
      rss.push(Math.round(memoryMiB(tui.pid).rss));
    }
    const seconds = (Date.now() - t0) / 1000;
    const cpu = cpuMs(tui.pid) - cpu0;
    const mem = memoryMiB(tui.pid);
    // Keystrokes while following: t (timestamp column off/on), PageUp (hold) and G (follow).
    const keys: number[] = [];
    for (let i = 0; i < 6; i++) {
      const on = stamped(await tui.pane.capture()) > 0;
      keys.push(await timeKey(tui, 't', true, (s) => (on ? stamped(s) === 0 && logRows(s) > 0 : stamped(s) > 0)));
      await sleep(300);
    }
    const hold: number[] = [];
    for (let i = 0; i < 4; i++) {
      hold.push(await timeKey(tui, 'PageUp', false, (s) => s.some((l) => /\bnew lines?\b|\bheld\b/.test(l))));
      await sleep(300);
      hold.push(await timeKey(tui, 'G', true, (s) => s.some((l) => /\bfollowing\b/.test(l))));
      await sleep(300);
    }
    const all = [...keys, ...hold];
    c.log(
      `  logs: cpu ${((cpu / (seconds * 1000)) * 100).toFixed(1)}% of a core; rss ${rss.join(' ')} MiB; keys ${all.map((x) => x.toFixed(0)).join(' ')} ms`,
    );
    return {
      status: 'ok',
      data: {
        pod: `${namespace}/${pod}`,
        linesPerSecond: c.opts.logRate,
        windowSec: Math.round(seconds * 10) / 10,
        cpuPercentOfCore: Math.round((cpu / (seconds * 1000)) * 1000) / 10,
        cpuMsPerMinute: Math.round((cpu / seconds) * 60),
        rssMiBSamples: rss,
        rssMiB: Math.round(mem.rss),
        peakRssMiB: Math.round(mem.hwm),
        rssGrowthLastHalfMiB: rss.length >= 2 ? rss[rss.length - 1]! - rss[Math.floor(rss.length / 2)]! : undefined,
        keyMs: summarize(all),
        keySamples: all,
        lineToScreenMs: summarize(latency),
        method:
          "kpods TUI in a 120×40 tmux pane following the simulator's fast pod; line-to-screen = capture time − the line's server timestamp each time the newest line on screen changed; keys: t, PageUp, G until the screen shows the change",
      },
    };
  } finally {
    await tui.pane.kill();
  }
}
