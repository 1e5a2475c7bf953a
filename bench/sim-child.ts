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
  const port = serverPort(kubeconfigPath);
  proxy = await startCountingProxy(port);
  send({ type: 'ready', kubeconfigPath, serverPort: port, proxyPort: proxy.port, startMs });
}

async function handle(req: ChildRequest): Promise<void> {
  try {
    switch (req.type) {
      case 'start':
        await start(req.pods, req.churn);
        return;
      case 'counts':
        send({ type: 'counts', id: req.id, counts: proxy?.counts() ?? { toClient: 0, toServer: 0, connections: 0 } });
        return;
      case 'mutate': {
        const fn = sim?.['benchMutate'] as ((ns: string, name: string) => string) | undefined;
        if (typeof fn !== 'function') {
          send({ type: 'mutated', id: req.id, ok: false, reason: 'the simulator offers no way to change one pod' });
          return;
        }
        const expect = fn.call(sim, req.namespace, req.name);
        send({ type: 'mutated', id: req.id, ok: true, at: Date.now(), expect });
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
