/**
 * The client on Node's built-in HTTP client (NodePool, used by `kpods list`) answers and fails
 * exactly as on undici: the same rows, and the same stage, code and summary for every failure
 * class a real server, a simulator scenario or a hostile loopback server produces.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { createKubeClient } from '../../src/core/client/index.js';
import { loadKubeconfig, resolveTarget } from '../../src/core/kubeconfig/index.js';
import type { Result } from '../../src/core/failure.js';
import type { PodList, PodQuery } from '../../src/core/client/types.js';
import type { Target } from '../../src/core/target.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { hostileServer, tempDir, writeKubeconfig, type Hostile } from '../hostile/helpers.js';

let sim: Simulator;
const temp = tempDir('kpods-builtin-http-');

before(async () => {
  sim = await startSimulator({ pods: 40, slowMs: 5000 });
});

after(async () => {
  await sim?.close();
  temp.cleanup();
});

function targetOf(kubeconfig: string, overrides: { context?: string; requestTimeout?: string } = {}): Target {
  const host = { env: {}, home: temp.dir, cwd: temp.dir, now: () => new Date() };
  const loaded = loadKubeconfig({ explicitPath: kubeconfig, host });
  assert.ok(loaded.ok);
  const t = resolveTarget(loaded.value, overrides, host);
  assert.ok(t.ok);
  return t.value;
}

/** What a list gives, reduced to what must not depend on the HTTP client (nor on the clock: no ages). */
function outcome(r: Result<PodList>): unknown {
  if (r.ok) return { rows: r.value.rows.map((row) => [row.namespace, row.name, row.status, row.ready, row.restartCount]) };
  const { stage, code, summary, hints } = r.failure;
  return { stage, code, summary, hints };
}

/** Lists with undici and with the built-in client, in turn; returns both outcomes. */
async function both(target: Target, query: PodQuery, limits: { maxBodyBytes?: number } = {}): Promise<[unknown, unknown]> {
  const results: unknown[] = [];
  for (const builtinHttp of [false, true]) {
    const client = createKubeClient(target, { host: { env: {}, now: () => new Date() }, maxRetries: 0, limits, builtinHttp });
    try {
      results.push(outcome(await client.listPods(query)));
    } finally {
      await client.close();
    }
  }
  return [results[0], results[1]];
}

test('simulator scenarios: the same rows and the same failures on both HTTP clients', async () => {
  const cases: Array<[string, string | undefined]> = [
    ['admin', undefined],
    ['wrong-ca', undefined],
    ['hostname-mismatch', undefined],
    ['nothing-listening', undefined],
    ['expired-token', undefined],
    ['developer', undefined],
    ['html-login', undefined],
    ['throttled', undefined],
    ['reset', undefined],
    ['slow', '300ms'],
  ];
  for (const [context, requestTimeout] of cases) {
    const target = targetOf(sim.kubeconfigPath, { context, ...(requestTimeout ? { requestTimeout } : {}) });
    const [viaUndici, viaBuiltin] = await both(target, { namespace: 'default' });
    assert.deepEqual(viaBuiltin, viaUndici, context);
  }
  const [okUndici] = await both(targetOf(sim.kubeconfigPath, { context: 'admin' }), { namespace: 'default' });
  assert.ok((okUndici as { rows?: unknown[] }).rows?.length, 'the admin list has rows');
});

async function hostileCase(
  name: string,
  handler: Parameters<typeof hostileServer>[0],
  opts: { requestTimeout?: string; maxBodyBytes?: number } = {},
): Promise<void> {
  const srv: Hostile = await hostileServer(handler, 20);
  try {
    const kc = writeKubeconfig(temp.dir, srv, { token: 'tok-builtin-1' }, { name });
    const target = targetOf(kc, opts.requestTimeout ? { requestTimeout: opts.requestTimeout } : {});
    const limits = opts.maxBodyBytes !== undefined ? { maxBodyBytes: opts.maxBodyBytes } : {};
    const [viaUndici, viaBuiltin] = await both(target, { namespace: 'default' }, limits);
    assert.deepEqual(viaBuiltin, viaUndici, name);
    assert.ok((viaUndici as { code?: string }).code, `${name} is a failure`);
  } finally {
    await srv.close();
  }
}

test('hostile servers: cut bodies, bad gzip, oversized headers and bodies, silence, fail the same on both clients', async () => {
  await hostileCase('cut-mid-body', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"kind":"Table","rows":[');
    setImmediate(() => res.socket?.destroy());
  });
  await hostileCase('bad-gzip', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(Buffer.concat([gzipSync('{"kind":"Table"}').subarray(0, 10), Buffer.from('not gzip at all')]));
  });
  await hostileCase('header-overflow', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-big': 'x'.repeat(64 * 1024) });
    res.end('{}');
  });
  await hostileCase(
    'gzip-bomb',
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)));
    },
    { maxBodyBytes: 1024 * 1024 },
  );
  await hostileCase('never-answers', () => undefined, { requestTimeout: '300ms' });
  await hostileCase('not-json', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"kind":');
  });
  await hostileCase('500-no-retry-after', (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('boom');
  });
});
