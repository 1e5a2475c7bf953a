/**
 * Group "change": time from a change on the server (the simulator changes one visible pod and
 * notes the time) to that pod's row showing it on screen, polling and with --watch.
 */
import { firstRows, rowLines, sleep, startTui, waitScreen, type Tui } from '../tui-driver.js';
import { summarize } from '../stats.js';
import type { Tmux } from '../tmux.js';
import { Unavailable } from '../sim-host.js';
import { placeholderReason, type GroupResult, type SizeCtx } from '../context.js';

/** Change-to-screen latencies (ms, NaN when never seen) and why sampling stopped early. */
export interface ChangeSamples {
  ms: number[];
  reason?: string;
}

/** NAMESPACE and NAME of a row line: the two cells before the READY cell ("1/1"). */
export function rowPod(line: string, defaultNamespace: string): { namespace: string; name: string } | undefined {
  const cells = line.trim().split(/\s+/);
  const i = cells.findIndex((x) => /^\d+\/\d+$/.test(x));
  if (i < 1) return undefined;
  const name = cells[i - 1] as string;
  const before = cells[i - 2];
  const namespace = before !== undefined && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(before) ? before : defaultNamespace;
  return { namespace, name };
}

/** Takes `count` change-to-screen samples on a TUI that already shows rows. */
export async function changeSamplesOn(c: SizeCtx, tui: Tui, watch: boolean, count: number): Promise<ChangeSamples> {
  const interval = c.opts.intervalSec;
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const rows = rowLines(await tui.pane.capture());
    let pod: { namespace: string; name: string } | undefined;
    let change: { at: number; expect: string } | undefined;
    let why = 'no pod rows on screen';
    // Try rows from the third one on (a pod without container statuses cannot show restarts).
    for (let j = 0; j < rows.length && !change; j++) {
      pod = rowPod(rows[(2 + i + j) % rows.length] ?? '', c.namespaces[0]?.name ?? 'default');
      if (!pod) continue;
      try {
        change = await c.sim.mutate(pod.namespace, pod.name);
      } catch (err) {
        if (err instanceof Unavailable && /no cluster\.updatePod/.test(err.message)) return { ms, reason: err.message };
        why = err instanceof Error ? err.message : String(err);
      }
    }
    if (!pod || !change) return { ms, reason: `could not change a visible pod: ${why}` };
    const { at, expect } = change;
    const name = pod.name;
    const seen = await waitScreen(tui.pane, (s) => s.some((l) => l.includes(name) && l.includes(expect)), interval * 3000 + 5000);
    ms.push(seen ? seen.at - at : NaN);
    c.log(`  ${watch ? 'watch' : 'poll'} change ${name} → "${expect}": ${seen ? seen.at - at : 'not seen'} ms`);
    // A random phase against the poll interval, so samples cover the whole cycle.
    await sleep(watch ? 150 : Math.random() * interval * 1000);
  }
  return { ms };
}

/** Samples wanted per mode: polling samples take about one interval each. */
export function changeCounts(c: SizeCtx): { poll: number; watch: number } {
  return { poll: c.opts.reps ?? 6, watch: (c.opts.reps ?? 6) * 2 };
}

async function samples(c: SizeCtx, tmux: Tmux, watch: boolean, count: number): Promise<ChangeSamples> {
  const interval = c.opts.intervalSec;
  const tui = await startTui(c, tmux, c.sim.kubeconfigPath, ['--interval', `${interval}s`, ...(watch ? ['--watch'] : [])]);
  try {
    const first = await firstRows(tui, c.pods, 60000 + c.pods);
    if ('reason' in first) return { ms: [], reason: placeholderReason(first.reason) ?? first.reason };
    await sleep(watch ? 1000 : 500);
    return await changeSamplesOn(c, tui, watch, count);
  } finally {
    await tui.pane.kill();
  }
}

/** The group result from polling and watching samples. */
export function changeResult(c: SizeCtx, poll: ChangeSamples | undefined, watch: ChangeSamples | undefined): GroupResult {
  if (!poll || (poll.reason && poll.ms.length === 0)) return { status: 'unavailable', reason: poll?.reason ?? 'no samples were taken' };
  return {
    status: 'ok',
    data: {
      intervalSec: c.opts.intervalSec,
      pollMs: summarize(poll.ms),
      watchMs: summarize(watch?.ms ?? []),
      pollSamples: poll.ms,
      watchSamples: watch?.ms ?? [],
      watchReason: watch?.reason ?? (watch ? undefined : 'no watch samples were taken'),
    },
  };
}

/** Runs the change-to-screen group with its own TUIs (when the steady group does not host it). */
export async function changeGroup(c: SizeCtx, tmux: Tmux): Promise<GroupResult> {
  const n = changeCounts(c);
  const poll = await samples(c, tmux, false, n.poll);
  if (poll.reason && poll.ms.length === 0) return changeResult(c, poll, undefined);
  return changeResult(c, poll, await samples(c, tmux, true, n.watch));
}
