/**
 * The steady group's peers: what `kubectl get pods -A -w` (Table rows with metadata) and an
 * informer-like client (`kubectl get pods -A -w -o name`: full pod objects on the wire, as a k9s-style
 * informer receives them before its 2 s repaint from its cache) cost the API server and themselves
 * over the same window on the same cluster, measured through the same counting proxy.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpuMs, memoryMiB } from '../procstat.js';
import { sleep } from '../tui-driver.js';
import type { SimHost } from '../sim-host.js';
import type { SizeCtx } from '../context.js';

export interface Peer {
  name: string;
  args: string[];
  /** Whether a stdout line ends one pod of the initial list. */
  podLine: (line: string) => boolean;
}

/** The peers at `churn` changes/s. */
export function peers(churn: number): Peer[] {
  return [
    { name: `kubectl get pods -A -w, ${churn} changes/s`, args: ['get', 'pods', '-A', '-w', '--no-headers'], podLine: () => true },
    {
      // -o name: kubectl asks for plain JSON (full pods, list and watch events) and prints one short line each.
      name: `informer-like: kubectl get pods -A -w -o name (full pods), ${churn} changes/s`,
      args: ['get', 'pods', '-A', '-w', '-o', 'name'],
      podLine: () => true,
    },
  ];
}

function delta(a: number | undefined, b: number | undefined, scale: number): number | undefined {
  return a === undefined || b === undefined ? undefined : Math.round((b - a) * scale);
}

/** Runs one peer until its initial list is printed, then measures a window like the TUI's. */
export async function measurePeer(c: SizeCtx, sim: SimHost, kubeconfig: string, peer: Peer): Promise<Record<string, unknown>> {
  const cacheDir = join(c.tmp, 'kubectl-cache');
  mkdirSync(cacheDir, { recursive: true });
  const child = spawn(c.kubectl, [...peer.args, '--kubeconfig', kubeconfig, '--context', c.context, '--cache-dir', cacheDir], {
    env: c.env(),
    cwd: c.tmp,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let pods = 0;
  let partial = '';
  let stderr = '';
  let exited = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) if (peer.podLine(l)) pods++;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-500)));
  child.on('exit', () => (exited = true));
  try {
    const t0 = Date.now();
    const deadline = t0 + 60_000 + c.pods * 6;
    while (pods < c.pods && !exited && Date.now() < deadline) await sleep(100);
    if (pods < c.pods)
      return { status: 'unavailable', reason: exited ? `kubectl exited: ${stderr.trim()}` : 'the initial list did not finish in time' };
    const listedMs = Date.now() - t0;
    await sleep(1500);
    const pid = child.pid ?? 0;
    const cpu0 = cpuMs(pid);
    const counts0 = await sim.counts();
    const w0 = Date.now();
    await sleep(c.opts.windowSec * 1000);
    const cpu1 = cpuMs(pid);
    const counts1 = await sim.counts();
    const seconds = (Date.now() - w0) / 1000;
    const mem = memoryMiB(pid);
    return {
      status: Number.isFinite(cpu1 - cpu0) ? 'ok' : 'error',
      peer: true,
      watch: true,
      windowSec: Math.round(seconds * 10) / 10,
      cpuPercentOfCore: Math.round(((cpu1 - cpu0) / (seconds * 1000)) * 1000) / 10,
      cpuMsPerMinute: Math.round(((cpu1 - cpu0) / seconds) * 60),
      bytesPerSecond: Math.round((counts1.toClient - counts0.toClient) / seconds),
      newConnections: counts1.connections - counts0.connections,
      serverRequestsPerMinute: delta(counts0.serverRequests, counts1.serverRequests, 60 / seconds),
      serverBodyBytesPerSecond: delta(counts0.serverBytes, counts1.serverBytes, 1 / seconds),
      serverCpuMsPerMinute: delta(counts0.serverCpuMs, counts1.serverCpuMs, 60 / seconds),
      rssMiB: Math.round(mem.rss),
      peakRssMiB: Math.round(mem.hwm),
      initialListMs: listedMs,
    };
  } finally {
    child.kill('SIGTERM');
  }
}
