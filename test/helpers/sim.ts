/**
 * Test helpers around the simulator: start one (and always close it), requests and watches over
 * real TLS, and (from kubectl.ts) the real kubectl.
 */
import { after, before } from 'node:test';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';
import type { PodState } from '../../src/sim/pod-states.js';

export type { Simulator, SimulatorOptions };

// The real timers, taken before any test fakes them (mock.timers): deadlines for waiting on the
// simulator must fire even while a test moves the simulator's own timers by hand.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Starts a simulator for a test; pair with `sim.close()` (e.g. in `after`). */
export function startTestSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator(opts);
}

/** Runs `fn` with a simulator and closes it afterwards, whatever happens. */
export async function withSimulator<T>(opts: SimulatorOptions, fn: (sim: Simulator) => Promise<T>): Promise<T> {
  const sim = await startSimulator(opts);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

/**
 * One simulator for all the tests of a file: started before the first, closed after the last.
 * Call it at the top level of the file; the function it returns gives the running simulator.
 */
export function fileSimulator(opts: SimulatorOptions = {}): () => Simulator {
  let sim: Simulator | undefined;
  before(async () => {
    sim = await startSimulator(opts);
  });
  after(async () => {
    await sim?.close();
  });
  return () => {
    if (!sim) throw new Error('the simulator is used before it started');
    return sim;
  };
}

/** The first pod the simulator seeded in `state` (in `namespace` when given). */
export function seededPod(sim: Simulator, state: PodState, namespace?: string): { namespace: string; name: string } {
  for (const v of sim.cluster.iterate(namespace))
    if (v.seed?.state === state) return { namespace: v.namespace, name: v.key.slice(v.namespace.length + 1) };
  throw new Error(`no ${state} pod${namespace ? ` in ${namespace}` : ''}`);
}

/** Runs `fn` while the group "developers" may get and list the pods of `namespace` but not read their logs. */
export async function withDevelopersReadingPodsOnly<T>(sim: Simulator, namespace: string, fn: () => Promise<T>): Promise<T> {
  sim.access.bind({
    name: 'dev-pods-only',
    role: 'pod-lister',
    namespace,
    subject: { kind: 'Group', name: 'developers' },
    rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }],
  });
  try {
    return await fn();
  } finally {
    sim.access.unbind('dev-pods-only', namespace);
  }
}

export { findKubectl, runKubectl, spawnKubectl, type KubectlOptions, type KubectlProcess, type KubectlResult } from './kubectl.js';

/** How a direct request authenticates: the admin client certificate (default), none, a token or basic auth. */
export type SimAuth = 'admin' | 'none' | { token: string } | { basic: [string, string] };

export interface SimRequestOptions {
  method?: string;
  accept?: string;
  body?: string | Buffer;
  contentType?: string;
  auth?: SimAuth;
}

export interface SimResponse {
  status: number;
  headers: import('node:http').IncomingHttpHeaders;
  body: string;
}

function requestOptions(sim: Simulator, opts: SimRequestOptions): import('node:https').RequestOptions {
  const headers: Record<string, string> = {};
  if (opts.accept) headers['Accept'] = opts.accept;
  if (opts.contentType) headers['Content-Type'] = opts.contentType;
  const auth = opts.auth ?? 'admin';
  if (typeof auth === 'object' && 'token' in auth) headers['Authorization'] = `Bearer ${auth.token}`;
  if (typeof auth === 'object' && 'basic' in auth)
    headers['Authorization'] = `Basic ${Buffer.from(auth.basic.join(':')).toString('base64')}`;
  return {
    method: opts.method ?? 'GET',
    headers,
    ca: sim.secrets.caPem,
    ...(auth === 'admin' ? { cert: sim.secrets.admin.cert, key: sim.secrets.admin.key } : {}),
    agent: false,
  };
}

/** One HTTPS request to the simulator (real TLS, the simulator's CA). */
export async function simRequest(sim: Simulator, path: string, opts: SimRequestOptions = {}): Promise<SimResponse> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(sim.url + path, requestOptions(sim, opts), (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A streaming request (a watch): lines as they arrive. */
export interface SimStream {
  status: number;
  headers: import('node:http').IncomingHttpHeaders;
  lines: string[];
  /** Resolves when at least `n` lines arrived (rejects after `timeoutMs`). */
  waitForLines(n: number, timeoutMs?: number): Promise<string[]>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a streaming GET (e.g. `?watch=1`) and collects newline-separated lines. */
export async function simStream(sim: Simulator, path: string, opts: SimRequestOptions = {}): Promise<SimStream> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = request(sim.url + path, requestOptions(sim, opts), (res) => {
      const lines: string[] = [];
      let partial = '';
      const waiters = new Set<() => void>();
      let endResolve: () => void = () => {};
      const ended = new Promise<void>((r) => (endResolve = r));
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        partial += d;
        const parts = partial.split('\n');
        partial = parts.pop() ?? '';
        lines.push(...parts.filter((l) => l !== ''));
        for (const w of [...waiters]) w();
      });
      res.on('end', () => {
        if (partial) lines.push(partial);
        endResolve();
        for (const w of [...waiters]) w();
      });
      res.on('error', () => endResolve());
      res.on('close', () => endResolve());
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        lines,
        ended,
        close: () => req.destroy(),
        waitForLines(n, timeoutMs = 15_000) {
          return new Promise((ok, fail) => {
            const check = () => {
              if (lines.length >= n) {
                waiters.delete(check);
                realClearTimeout(timer);
                ok(lines);
              }
            };
            const timer = realSetTimeout(() => {
              waiters.delete(check);
              fail(new Error(`${path}: expected ${n} lines, got ${lines.length}: ${lines.join('\n').slice(0, 2000)}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
