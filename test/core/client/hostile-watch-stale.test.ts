/**
 * Issue 17 item 8 (watch): a watch that sends nothing (no event, no bookmark) past a bound is
 * stale: closed, reported, and the list is read again; and a server that ends every watch at once
 * (or answers each with 410) is not asked again at once, over and over.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKubeClient } from '../../../src/core/client/index.js';
import { WATCH_IDLE_MS } from '../../../src/core/client/limits.js';
import { loadKubeconfig, resolveTarget } from '../../../src/core/kubeconfig/index.js';
import type { Failure } from '../../../src/core/failure.js';
import type { Target } from '../../../src/core/target.js';
import { PodFeed } from '../../../src/ui/pod-feed.js';
import { hostileServer, tempDir, writeKubeconfig, type Hostile } from '../../helpers/hostile.js';

const POD = { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-1', namespace: 'default', resourceVersion: '5' } };
const LIST = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '5' }, items: [POD] });

function targetFor(srv: Hostile, dir: string): Target {
  const kc = writeKubeconfig(dir, srv, { token: 'tok-watch-stale-1' });
  const host = { env: {}, home: dir, cwd: dir, now: () => new Date() };
  const loaded = loadKubeconfig({ explicitPath: kc, host });
  assert.ok(loaded.ok);
  const t = resolveTarget(loaded.value, { requestTimeout: '5s' }, host);
  assert.ok(t.ok);
  return t.value;
}

/** Resolves when `pred` holds (checked on every call of `poke`), rejects after `ms`. */
function until(pred: () => boolean, what: string, ms = 8_000): { poke: () => void; done: Promise<void> } {
  let poke = (): void => undefined;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    poke = () => {
      if (!pred()) return;
      clearTimeout(timer);
      resolve();
    };
  });
  return { poke: () => poke(), done };
}

test('the silence bound is a few minutes (API servers send a bookmark about once a minute)', () => {
  assert.equal(WATCH_IDLE_MS, 180_000);
});

test('a watch that goes silent is closed after the bound with a classified failure', async (t) => {
  const srv = await hostileServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(JSON.stringify({ type: 'ADDED', object: POD }) + '\n');
    // then nothing, and the stream stays open
  }, 5);
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const client = createKubeClient(targetFor(srv, dir), { host: { env: {}, now: () => new Date() }, limits: { watchIdleMs: 300 } });
  t.after(() => client.close());
  const guard = new AbortController();
  const timer = setTimeout(() => guard.abort(), 8_000);
  const events: string[] = [];
  const r = await client.watchPods({ namespace: 'default' }, '5', (e) => events.push(e.type), guard.signal);
  clearTimeout(timer);
  assert.equal(guard.signal.aborted, false, 'the watch was still open after 8 s');
  assert.deepEqual(events, ['ADDED']);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.failure.code, 'response.timeout');
    assert.match(r.failure.summary, /sent nothing \(no event, no bookmark\)/);
  }
});

test('the browser feed marks a silent watch as failed, then reads the list again', async (t) => {
  let lists = 0;
  const check = { poke: (): void => undefined };
  const srv = await hostileServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (!req.url?.includes('watch=')) {
      lists++;
      res.end(LIST);
    } else res.write(''); // a watch that never sends anything
    check.poke();
  }, 50);
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const client = createKubeClient(targetFor(srv, dir), { host: { env: {}, now: () => new Date() }, limits: { watchIdleMs: 200 } });
  t.after(() => client.close());
  const failures: Failure[] = [];
  const cond = until(() => failures.length >= 1 && lists >= 2, 'a stale failure and a second list');
  check.poke = cond.poke;
  const feed = new PodFeed({
    client,
    query: { namespace: 'default' },
    intervalMs: 50,
    watch: true,
    listener: {
      pods: () => cond.poke(),
      changes: () => undefined,
      progress: () => undefined,
      failed: (f) => (failures.push(f), cond.poke()),
    },
  });
  try {
    await cond.done;
  } finally {
    feed.stop();
    await feed.done;
  }
  assert.match(failures[0]!.summary, /watch sent nothing/);
});

for (const how of ['ends at once', 'answers 410 Gone'] as const) {
  test(`a server whose every watch ${how} is asked again with a growing wait, not at once`, async (t) => {
    const watches: number[] = [];
    const check = { poke: (): void => undefined };
    const srv = await hostileServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (!req.url?.includes('watch=')) return void res.end(LIST);
      watches.push(performance.now());
      if (how === 'ends at once') res.end();
      else res.end(JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } }) + '\n');
      check.poke();
    }, 500);
    const { dir, cleanup } = tempDir();
    t.after(async () => (cleanup(), await srv.close()));
    const client = createKubeClient(targetFor(srv, dir), { host: { env: {}, now: () => new Date() } });
    t.after(() => client.close());
    const cond = until(() => watches.length >= 5, 'five watches');
    check.poke = cond.poke;
    const feed = new PodFeed({
      client,
      query: { namespace: 'default' },
      intervalMs: 100,
      watch: true,
      listener: { pods: () => undefined, changes: () => undefined, progress: () => undefined, failed: () => undefined },
    });
    try {
      await cond.done;
    } finally {
      feed.stop();
      await feed.done;
    }
    // At once, then 100, 200 and 400 ms apart (the interval, doubling): at least 700 ms for five.
    const spread = watches[4]! - watches[0]!;
    assert.ok(spread >= 650, `five watches within ${Math.round(spread)} ms`);
    assert.ok(srv.requests < 20, `${srv.requests} requests`);
  });
}
