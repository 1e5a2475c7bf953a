/** A real KubeClient for one context of a simulator's kubeconfig (the client as kpods uses it). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig, resolveTarget } from '../../src/core/kubeconfig/index.js';
import { createKubeClient, type ClientDeps, type KubeApiClient } from '../../src/core/client/index.js';
import type { Host } from '../../src/core/target.js';
import type { Simulator } from './sim.js';

/** The client for `context` (admin by default), with `deps` beside the host; close it with `dispose()`. */
export function simClient(
  sim: Simulator,
  context = 'admin',
  deps: Omit<ClientDeps, 'host'> = {},
): KubeApiClient & { dispose(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'kpods-simclient-'));
  const host: Host = { env: { PATH: process.env['PATH'] }, home: dir, cwd: dir, now: () => new Date() };
  const loaded = loadKubeconfig({ explicitPath: sim.kubeconfigPath, host });
  if (!loaded.ok) throw new Error(loaded.failure.summary);
  const target = resolveTarget(loaded.value, { context }, host);
  if (!target.ok) throw new Error(target.failure.summary);
  const client = createKubeClient(target.value, { ...deps, host });
  return Object.assign(client, {
    async dispose() {
      await client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** A sleep that ends early when the signal aborts. */
export function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
