/**
 * Group "steady": the TUI's steady-state CPU (from /proc/<pid>/stat), RSS and bytes received
 * (counted by a TCP proxy in front of the simulator) over a window, polling every interval and
 * with --watch, on a quiet cluster and on one with churn. The window follows a first window of the
 * same length (its CPU is reported too), which opens one interval after the first rows.
 */
import { join } from 'node:path';
import { rewritePort } from '../creds.js';
import { cpuMs, memoryMiB } from '../procstat.js';
import { firstRows, sleep, startTui, type Tui } from '../tui-driver.js';
import type { Tmux } from '../tmux.js';
import type { SimHost } from '../sim-host.js';
import { placeholderReason, type GroupResult, type SizeCtx } from '../context.js';
import { measurePeer, peers } from './steady-peers.js';

interface Mode {
  name: string;
  watch: boolean;
  churn: number;
}

/** Called with a quiet cluster's TUI after its CPU window (the change group samples there). */
export type QuietHook = (tui: Tui, watch: boolean) => Promise<void>;

/** Refreshes seen by the server in a window: the most lists started for any one scope. */
function observedRefreshes(a: Record<string, number> | undefined, b: Record<string, number> | undefined): number | undefined {
  if (!a || !b) return undefined;
  return Math.max(0, ...Object.keys(b).map((k) => (b[k] ?? 0) - (a[k] ?? 0)));
}

function delta(a: number | undefined, b: number | undefined, scale: number): number | undefined {
  return a === undefined || b === undefined ? undefined : Math.round((b - a) * scale);
}

async function measure(c: SizeCtx, tmux: Tmux, sim: SimHost, mode: Mode, onQuiet?: QuietHook): Promise<Record<string, unknown>> {
  const kubeconfig = rewritePort(sim.kubeconfigPath, sim.serverPort, sim.proxyPort, join(c.tmp, `proxied-${sim.proxyPort}.yaml`));
  const interval = c.opts.intervalSec;
  const tui = await startTui(c, tmux, kubeconfig, ['--interval', `${interval}s`, ...(mode.watch ? ['--watch'] : [])]);
  try {
    const first = await firstRows(tui, c.pods, 60000 + c.pods);
    if ('reason' in first) return { status: 'unavailable', reason: placeholderReason(first.reason) ?? first.reason };
    // Let the first refresh cycle (or the watch's start) settle before the first window opens.
    await sleep(interval * 1000 + 1500);
    // The first window still holds start-up work (the usage columns' first reads, the refresh
    // path's first runs before V8 optimises it): it is reported beside the steady window after it.
    const early0 = cpuMs(tui.pid);
    const earlyT0 = Date.now();
    await sleep(c.opts.windowSec * 1000);
    const early = { cpuMs: cpuMs(tui.pid) - early0, seconds: (Date.now() - earlyT0) / 1000 };
    const cpu0 = cpuMs(tui.pid);
    const bytes0 = await sim.counts();
    const t0 = Date.now();
    await sleep(c.opts.windowSec * 1000);
    const cpu1 = cpuMs(tui.pid);
    const bytes1 = await sim.counts();
    const seconds = (Date.now() - t0) / 1000;
    const mem = memoryMiB(tui.pid);
    const cpu = cpu1 - cpu0;
    const received = bytes1.toClient - bytes0.toClient;
    const refreshes = seconds / interval;
    const observed = mode.watch ? undefined : observedRefreshes(bytes0.listStarts, bytes1.listStarts);
    if (mode.churn === 0 && onQuiet) await onQuiet(tui, mode.watch);
    return {
      status: Number.isFinite(cpu) ? 'ok' : 'error',
      watch: mode.watch,
      windowSec: Math.round(seconds * 10) / 10,
      cpuPercentOfCore: Math.round((cpu / (seconds * 1000)) * 1000) / 10,
      firstWindowCpuPercentOfCore: Math.round((early.cpuMs / (early.seconds * 1000)) * 1000) / 10,
      cpuMsPerMinute: Math.round((cpu / seconds) * 60),
      cpuMsPerRefresh: mode.watch ? undefined : Math.round(cpu / refreshes),
      bytesPerRefresh: mode.watch ? undefined : Math.round(received / refreshes),
      refreshesObserved: observed,
      cpuMsPerObservedRefresh: observed ? Math.round(cpu / observed) : undefined,
      bytesPerObservedRefresh: observed ? Math.round(received / observed) : undefined,
      bytesPerSecond: Math.round(received / seconds),
      newConnections: bytes1.connections - bytes0.connections,
      serverRequestsPerMinute: delta(bytes0.serverRequests, bytes1.serverRequests, 60 / seconds),
      serverBodyBytesPerSecond: delta(bytes0.serverBytes, bytes1.serverBytes, 1 / seconds),
      // The simulator's CPU (it also runs the churn and the metrics ticks): what serving kpods costs it.
      serverCpuMsPerMinute: delta(bytes0.serverCpuMs, bytes1.serverCpuMs, 60 / seconds),
      serverCpuMsPerRefresh: mode.watch ? undefined : delta(bytes0.serverCpuMs, bytes1.serverCpuMs, 1 / refreshes),
      serverRequestsPerRefresh: mode.watch ? undefined : delta(bytes0.serverRequests, bytes1.serverRequests, 1 / refreshes),
      // Requests per refresh the server saw start (includes the metrics reads that fell in the window).
      serverRequestsPerObservedRefresh: observed ? delta(bytes0.serverRequests, bytes1.serverRequests, 1 / observed) : undefined,
      rssMiB: Math.round(mem.rss),
      peakRssMiB: Math.round(mem.hwm),
      firstPaintMs: Math.round(first.ms),
    };
  } finally {
    await tui.pane.kill();
  }
}

/** Runs the steady-state group at one size. */
export async function steadyGroup(c: SizeCtx, tmux: Tmux, onQuiet?: QuietHook): Promise<GroupResult> {
  const modes: Mode[] = [
    { name: 'poll, 0 changes/s', watch: false, churn: 0 },
    { name: 'watch, 0 changes/s', watch: true, churn: 0 },
    { name: `poll, ${c.opts.churn} changes/s`, watch: false, churn: c.opts.churn },
    { name: `watch, ${c.opts.churn} changes/s`, watch: true, churn: c.opts.churn },
  ];
  const out: Record<string, unknown> = {};
  let busy: SimHost | undefined;
  try {
    for (const mode of modes) {
      let sim = c.sim;
      if (mode.churn > 0) sim = busy ??= await c.startBusySim(mode.churn);
      const r = await measure(c, tmux, sim, mode, onQuiet);
      out[mode.name] = r;
      c.log(`  ${mode.name}: ${JSON.stringify(r)}`);
      if (mode.name === modes[0]?.name && r['status'] === 'unavailable') return { status: 'unavailable', reason: String(r['reason']) };
    }
    // The peers on the same busy cluster, through the same proxy: what watching costs kubectl and an informer.
    if (busy && c.opts.churn > 0) {
      const kubeconfig = rewritePort(busy.kubeconfigPath, busy.serverPort, busy.proxyPort, join(c.tmp, `proxied-${busy.proxyPort}.yaml`));
      for (const peer of peers(c.opts.churn)) {
        const r = await measurePeer(c, busy, kubeconfig, peer);
        out[peer.name] = r;
        c.log(`  ${peer.name}: ${JSON.stringify(r)}`);
      }
    }
  } finally {
    await busy?.stop();
  }
  return { status: 'ok', data: { intervalSec: c.opts.intervalSec, windowSec: c.opts.windowSec, modes: out } };
}
