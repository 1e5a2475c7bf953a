/**
 * openLog against the simulator for the log feed tests, in the shape of CLIENT-API.md's
 * KubeClient.openLog (classified with the client's own classifyStatus / classifyError).
 * Used until the client's verb lands; then the tests use the real client.
 */
import { request } from 'node:https';
import type { Result } from '../../src/core/failure.js';
import { classifyError } from '../../src/core/client/classify.js';
import { classifyStatus } from '../../src/core/client/status.js';
import type { LogByteStream, LogRequestOptions } from '../../src/core/logs/index.js';
import type { Simulator } from './sim.js';

export type SimAuth = 'admin' | { token: string };

/** An openLog bound to a simulator and a credential. */
export function simOpenLog(sim: Simulator, auth: SimAuth = 'admin') {
  return (namespace: string, pod: string, opts: LogRequestOptions, signal?: AbortSignal): Promise<Result<LogByteStream>> => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts)) if (v !== undefined && v !== false) q.set(k, String(v));
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?${q}`;
    const ctx = { verb: 'get', resource: 'pods/log', namespace, credential: [], server: sim.url };
    return new Promise((resolve) => {
      const req = request(
        sim.url + path,
        {
          ca: sim.secrets.caPem,
          agent: false,
          ...(auth === 'admin'
            ? { cert: sim.secrets.admin.cert, key: sim.secrets.admin.key }
            : { headers: { Authorization: `Bearer ${auth.token}` } }),
          ...(signal ? { signal } : {}),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve({ ok: true, value: { chunks: res, close: () => req.destroy() } });
            return;
          }
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () =>
            resolve({
              ok: false,
              failure: classifyStatus({ status, headers: res.headers, body: Buffer.concat(parts).toString('utf8'), elapsedMs: 0 }, ctx),
            }),
          );
        },
      );
      req.on('error', (err) => resolve({ ok: false, failure: classifyError(err, { server: sim.url }) }));
      req.end();
    });
  };
}

/** A sleep that ends early when the signal aborts. */
export function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}
