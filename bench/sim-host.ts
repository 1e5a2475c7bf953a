/** Starts the simulated cluster in a child process (sim-child.ts) and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProxyCounts } from './proxy.js';
import type { ChildReply, ChildRequest } from './sim-protocol.js';

/** Thrown when a piece the benchmark needs is not built yet. */
export class Unavailable extends Error {}

/** A running simulated cluster. */
export interface SimHost {
  pods: number;
  churn: number;
  kubeconfigPath: string;
  serverPort: number;
  proxyPort: number;
  startMs: number;
  pid: number;
  counts(): Promise<ProxyCounts>;
  /** Changes one pod visibly; resolves to when (epoch ms) and the text its row will show. */
  mutate(namespace: string, name: string): Promise<{ at: number; expect: string }>;
  /** Makes the simulator's fast pod write `rate` lines a second; resolves to its `namespace/name`. */
  setLogRate(rate: number): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a simulator with `pods` pods and `churn` changes per second. */
export function startSim(pods: number, churn: number, timeoutMs = 180000): Promise<SimHost> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./sim-child.js', import.meta.url)), [], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
  let nextId = 1;
  const waiters = new Map<number, (r: ChildReply) => void>();
  const request = <T extends ChildReply>(msg: ChildRequest & { id: number }): Promise<T> =>
    new Promise((resolve) => {
      waiters.set(msg.id, resolve as (r: ChildReply) => void);
      child.send(msg);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the simulator did not start within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator process exited (${code})\n${stderr}`));
    });
    child.on('message', (m: ChildReply) => {
      if ('id' in m) {
        waiters.get(m.id)?.(m);
        waiters.delete(m.id);
        return;
      }
      if (m.type === 'unavailable') {
        clearTimeout(timer);
        child.kill();
        reject(new Unavailable(m.reason));
      } else if (m.type === 'error') {
        clearTimeout(timer);
        child.kill();
        reject(new Error(`simulator: ${m.message}`));
      } else if (m.type === 'ready') {
        clearTimeout(timer);
        resolve({
          pods,
          churn,
          kubeconfigPath: m.kubeconfigPath,
          serverPort: m.serverPort,
          proxyPort: m.proxyPort,
          startMs: m.startMs,
          pid: child.pid ?? 0,
          counts: async () => (await request<Extract<ChildReply, { type: 'counts' }>>({ type: 'counts', id: nextId++ })).counts,
          mutate: async (namespace, name) => {
            const r = await request<Extract<ChildReply, { type: 'mutated' }>>({ type: 'mutate', id: nextId++, namespace, name });
            if (!r.ok || r.at === undefined || r.expect === undefined) throw new Unavailable(r.reason ?? 'mutation failed');
            return { at: r.at, expect: r.expect };
          },
          setLogRate: async (rate) => {
            const r = await request<Extract<ChildReply, { type: 'log-rate' }>>({ type: 'log-rate', id: nextId++, rate });
            if (!r.fastPod) throw new Unavailable(r.reason ?? 'no fast pod');
            return r.fastPod;
          },
          stop: () =>
            new Promise<void>((res) => {
              child.removeAllListeners('exit');
              const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
              child.once('exit', () => {
                clearTimeout(kill);
                res();
              });
              child.send({ type: 'stop' });
            }),
        });
      }
    });
    child.send({ type: 'start', pods, churn } satisfies ChildRequest);
  });
}
