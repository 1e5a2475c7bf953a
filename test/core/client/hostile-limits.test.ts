/**
 * Limits of the client: hostile servers on loopback cannot hold kpods, exhaust
 * its memory or make it loop; each breach is a classified failure naming the limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { listCommand } from '../../../src/commands/list.js';
import { traceCommand } from '../../../src/commands/trace.js';
import { createKubeClient } from '../../../src/core/client/index.js';
import { DEFAULT_COMMAND_TIMEOUT_MS } from '../../../src/core/client/limits.js';
import { loadKubeconfig, resolveTarget } from '../../../src/core/kubeconfig/index.js';
import type { Target } from '../../../src/core/target.js';
import type { PodEvent } from '../../../src/core/client/types.js';
import { hostileServer, runCommand, tempDir, writeKubeconfig, type Hostile } from '../../helpers/hostile.js';

const TABLE_COLUMNS = [{ name: 'Name' }, { name: 'Ready' }, { name: 'Status' }, { name: 'Restarts' }, { name: 'Age' }];

async function targetFor(srv: Hostile, dir: string, requestTimeout?: string): Promise<Target> {
  const kc = writeKubeconfig(dir, srv, { token: 'tok-limits-1' });
  const host = { env: {}, home: dir, cwd: dir, now: () => new Date() };
  const loaded = loadKubeconfig({ explicitPath: kc, host });
  assert.ok(loaded.ok);
  const t = resolveTarget(loaded.value, requestTimeout ? { requestTimeout } : {}, host);
  assert.ok(t.ok);
  return t.value;
}

/** Writes `chunk` until `total` bytes have gone (or the client hangs up), respecting back-pressure. */
function endlessBody(res: import('node:http').ServerResponse, chunk: string | Buffer, total: number): void {
  let sent = 0;
  const pump = (): void => {
    while (sent < total && res.write(chunk)) sent += chunk.length;
    if (sent >= total) res.end();
  };
  res.on('drain', pump);
  res.on('close', () => res.off('drain', pump));
  pump();
}

function clientFor(target: Target, limits: Record<string, number>) {
  return createKubeClient(target, { host: { env: {}, now: () => new Date() }, limits, maxRetries: 0 });
}

test('commands default to a 30 s request limit; --request-timeout 0 means none', async (t) => {
  assert.equal(DEFAULT_COMMAND_TIMEOUT_MS, 30_000);
  const srv = await hostileServer(() => undefined, 1);
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  assert.equal((await targetFor(srv, dir)).requestTimeoutMs, undefined);
  assert.equal((await targetFor(srv, dir, '0')).requestTimeoutMs, 0);
});

test('a server that never answers: list and trace stop at the limit; trace says it waited for the first byte', async (t) => {
  const srv = await hostileServer(() => undefined, 20); // accepts, reads, never answers
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const kc = writeKubeconfig(dir, srv, { token: 'tok-limits-1' });
  const l = await runCommand(listCommand, ['--kubeconfig', kc, '--request-timeout', '1s'], { home: dir });
  assert.equal(l.code, 8, l.stderr);
  assert.match(l.stderr, /response\.timeout/);
  assert.match(l.stderr, /waited 1 s for the first byte/);
  assert.ok(l.ms < 10_000, `${l.ms} ms`);
  const tr = await runCommand(traceCommand, ['--kubeconfig', kc, '--request-timeout', '1s'], { home: dir });
  assert.match(tr.stdout, /waited 1 s for the first byte/);
});

test('a server that drips one byte at a time is cut at the request limit', async (t) => {
  const srv = await hostileServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    // The first byte at once (the answer has begun, on a loaded machine too), then one every 200 ms.
    res.write(' ');
    const timer = setInterval(() => res.write(' '), 200);
    res.on('close', () => clearInterval(timer));
    setTimeout(() => (clearInterval(timer), res.end()), 20_000).unref();
  }, 20);
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const kc = writeKubeconfig(dir, srv, { token: 'tok-limits-1' });
  // 2 s: the limit covers the TLS handshake too, and client and server share this process (a loaded
  // machine once took more than 1 s to connect).
  const l = await runCommand(listCommand, ['--kubeconfig', kc, '--request-timeout', '2s'], { home: dir });
  assert.equal(l.code, 8, l.stderr);
  assert.match(l.stderr, /did not finish within 2 s/);
  assert.ok(l.ms < 10_000, `${l.ms} ms`);
});

test('Retry-After waits respect --request-timeout (429 with Retry-After 99999)', async (t) => {
  const srv = await hostileServer((_req, res) => {
    res.writeHead(429, { 'retry-after': '99999', 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 429, reason: 'TooManyRequests' }));
  }, 50);
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const kc = writeKubeconfig(dir, srv, { token: 'tok-limits-1' });
  const l = await runCommand(listCommand, ['--kubeconfig', kc, '--request-timeout', '2s'], { home: dir });
  assert.equal(l.code, 8, l.stderr);
  assert.match(l.stderr, /response\.throttled/);
  assert.ok(l.ms < 6_000, `took ${l.ms} ms`);
});

test('a gzip bomb and an endless body stop at the response limit, classified and named (not connection.reset)', async (t) => {
  const bomb = gzipSync(Buffer.alloc(24 * 1024 * 1024, 0x20));
  const srv = await hostileServer((req, res) => {
    if (req.url?.includes('bomb=1') || req.url?.includes('/namespaces/default/')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    endlessBody(res, Buffer.alloc(64 * 1024, 0x20), 200 * 1024 * 1024);
  }, 20);
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const target = await targetFor(srv, dir, '20s');
  const client = clientFor(target, { maxBodyBytes: 4 * 1024 * 1024 });
  try {
    const gz = await client.listPods({ namespace: 'default' });
    assert.equal(gz.ok, false);
    if (!gz.ok) {
      assert.equal(gz.failure.code, 'response.invalid');
      assert.match(gz.failure.summary, /response limit of 4 MiB/);
    }
    const endless = await client.listPods({ namespace: 'other' });
    assert.equal(endless.ok, false);
    if (!endless.ok) assert.match(endless.failure.summary, /response limit of 4 MiB/);
  } finally {
    await client.close();
  }
});

test('a continue token on every page: the repeated token and the page cap both stop the list', async (t) => {
  const srv = await hostileServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const same = req.url?.includes('/namespaces/same/');
    const token = same ? 'again' : `t${Math.random().toString(36).slice(2)}`;
    res.end(
      JSON.stringify({
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        columnDefinitions: TABLE_COLUMNS,
        rows: [],
        metadata: { continue: token },
      }),
    );
  }, 500);
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const client = clientFor(await targetFor(srv, dir, '20s'), { maxListPages: 25 });
  try {
    const same = await client.listPods({ namespace: 'same' });
    assert.equal(same.ok, false);
    if (!same.ok) assert.match(same.failure.summary, /same continue token twice/);
    const before = srv.requests;
    const fresh = await client.listPods({ namespace: 'fresh' });
    assert.equal(fresh.ok, false);
    if (!fresh.ok) assert.match(fresh.failure.summary, /after 25 pages/);
    assert.equal(srv.requests - before, 25);
  } finally {
    await client.close();
  }
});

test('a watch event larger than the limit closes the watch with a named limit; object: null adds no row', async (t) => {
  const srv = await hostileServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url?.includes('/namespaces/nulls/')) {
      res.write(JSON.stringify({ type: 'ADDED', object: null }) + '\n');
      res.write(JSON.stringify({ type: 'MODIFIED', object: null }) + '\n');
      res.end(JSON.stringify({ type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '9' } } }) + '\n');
      return;
    }
    res.write('{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"');
    endlessBody(res, 'x'.repeat(64 * 1024), 100 * 1024 * 1024);
  }, 20);
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const client = clientFor(await targetFor(srv, dir), { maxWatchEventBytes: 1024 * 1024 });
  try {
    const events: PodEvent[] = [];
    const nulls = await client.watchPods({ namespace: 'nulls' }, '1', (e) => events.push(e));
    assert.equal(nulls.ok, true);
    assert.deepEqual(
      events.map((e) => e.type),
      ['BOOKMARK'],
    );
    const t0 = performance.now();
    const big = await client.watchPods({ namespace: 'big' }, '1', () => undefined);
    assert.equal(big.ok, false);
    if (!big.ok) assert.match(big.failure.summary, /limit of 1 MiB per event/);
    assert.ok(performance.now() - t0 < 10_000);
  } finally {
    await client.close();
  }
});
