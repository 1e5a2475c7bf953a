/**
 * Runs the simulated cluster (src/sim) in its own process for the benchmark, so server CPU never
 * mixes with the harness's timing loop, behind a counting TCP proxy. Driven over IPC by sim-host.ts.
 */
import { pathToFileURL } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCountingProxy, type CountingProxy } from './proxy.js';
import type { ChildReply, ChildRequest } from './sim-protocol.js';

// The simulator's API is used loosely: it is another engineer's module, typed here only as far as used.
type AnySim = Record<string, unknown> & { close?: () => Promise<void> | void; kubeconfigPath?: string };

const simModule = fileURLToPath(new URL('../src/sim/index.js', import.meta.url));
let sim: AnySim | undefined;
let proxy: CountingProxy | undefined;

function send(msg: ChildReply): void {
  process.send?.(msg);
}

function serverPort(kubeconfigPath: string): number {
  const m = /server:\s*https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)/.exec(readFileSync(kubeconfigPath, 'utf8'));
  if (!m) throw new Error(`no loopback server URL in ${kubeconfigPath}`);
  return Number(m[1]);
}

async function start(pods: number, churn: number): Promise<void> {
  if (!existsSync(simModule)) {
    send({ type: 'unavailable', reason: 'the simulated cluster (src/sim/index.ts) is not built yet' });
    return;
  }
  const mod = (await import(pathToFileURL(simModule).href)) as Record<string, unknown>;
  const startSimulator = mod['startSimulator'] as ((o: Record<string, unknown>) => Promise<AnySim>) | undefined;
  if (typeof startSimulator !== 'function') {
    send({ type: 'unavailable', reason: 'src/sim/index.ts does not export startSimulator yet' });
    return;
  }
  const t0 = performance.now();
  sim = await startSimulator({ pods, churnPerSecond: churn, port: 0 });
  const startMs = performance.now() - t0;
  const kubeconfigPath = sim.kubeconfigPath;
  if (typeof kubeconfigPath !== 'string') throw new Error('startSimulator returned no kubeconfigPath');
  const port = typeof sim['port'] === 'number' ? sim['port'] : serverPort(kubeconfigPath);
  proxy = await startCountingProxy(port);
  countListStarts(sim['cluster']);
  send({ type: 'ready', kubeconfigPath, serverPort: port, proxyPort: proxy.port, startMs });
}

interface ContainerStatus {
  restartCount?: number;
}
interface PodLike {
  status?: { containerStatuses?: ContainerStatus[] };
}
type UpdatePod = (ns: string, name: string, change: (pod: PodLike) => PodLike | void) => boolean;
let bump = 7000;

/** Sets one pod's total restarts to a fresh distinctive number (its RESTARTS cell shows it). */
function mutate(namespace: string, name: string): { ok: boolean; at?: number; expect?: string; reason?: string } {
  const cluster = sim?.['cluster'] as { updatePod?: UpdatePod } | undefined;
  if (typeof cluster?.updatePod !== 'function') return { ok: false, reason: 'the simulator exposes no cluster.updatePod' };
  const total = ++bump;
  let changed = false;
  const found = cluster.updatePod(namespace, name, (pod) => {
    const cs = pod.status?.containerStatuses;
    if (!cs || cs.length === 0) return;
    const others = cs.slice(1).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
    cs[0] = { ...cs[0], restartCount: total - others };
    changed = true;
  });
  if (!found) return { ok: false, reason: `no pod ${namespace}/${name}` };
  if (!changed) return { ok: false, reason: `pod ${namespace}/${name} has no container statuses` };
  return { ok: true, at: Date.now(), expect: String(total) };
}

const listStarts: Record<string, number> = {};

/**
 * Counts pod lists as the simulator starts them (a first page: no continue key), by namespace,
 * by wrapping its cluster's `range` — benchmark instrumentation in this process only.
 */
function countListStarts(cluster: unknown): void {
  const c = cluster as { range?: (namespace?: string, afterKey?: string) => unknown } | undefined;
  const range = c?.range;
  if (!c || typeof range !== 'function') return;
  c.range = (namespace?: string, afterKey?: string) => {
    if (afterKey === undefined) listStarts[namespace ?? '*'] = (listStarts[namespace ?? '*'] ?? 0) + 1;
    return range.call(c, namespace, afterKey);
  };
}

async function handle(req: ChildRequest): Promise<void> {
  try {
    switch (req.type) {
      case 'start':
        await start(req.pods, req.churn);
        return;
      case 'counts': {
        const stats = sim?.['stats'] as { requests?: number; bytes?: number } | undefined;
        const counts = proxy?.counts() ?? { toClient: 0, toServer: 0, connections: 0 };
        send({
          type: 'counts',
          id: req.id,
          counts: {
            ...counts,
            serverRequests: stats?.requests,
            serverBytes: stats?.bytes,
            listStarts: { ...listStarts },
            serverCpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
          },
        });
        return;
      }
      case 'mutate': {
        const r = mutate(req.namespace, req.name);
        send({ type: 'mutated', id: req.id, ...r });
        return;
      }
      case 'log-rate': {
        // The simulator's fast pod writes `rate` lines a second from now on.
        const logs = sim?.['logs'] as { fastPod?: string; fastRate?: number } | undefined;
        if (!logs?.fastPod) send({ type: 'log-rate', id: req.id, reason: 'the simulator serves no logs (no fast pod)' });
        else {
          logs.fastRate = req.rate;
          send({ type: 'log-rate', id: req.id, fastPod: logs.fastPod });
        }
        return;
      }
      case 'stop':
        await proxy?.close();
        await sim?.close?.();
        send({ type: 'stopped' });
        process.exit(0);
    }
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

process.on('message', (m) => void handle(m as ChildRequest));
process.on('disconnect', () => {
  void Promise.resolve(proxy?.close())
    .then(() => sim?.close?.())
    .finally(() => process.exit(0));
});
