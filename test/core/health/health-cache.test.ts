/** The picker's result cache: background checks, results as they arrive, freshness, refresh and stop. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HealthCache, type CheckRunner } from '../../../src/core/health/index.js';
import type { ContextCheck } from '../../../src/core/health/index.js';

const ok = (name: string): ContextCheck => ({
  name,
  current: false,
  cluster: 'c',
  user: 'u',
  namespace: 'default',
  result: 'ok',
  hints: [],
  ms: 1,
});

/** A runner the test drives by hand: `finish(name)` delivers a result. */
function manualRunner(): { run: CheckRunner; calls: string[][]; finish: (n: string) => void; aborted: () => number } {
  const calls: string[][] = [];
  const waiting = new Map<string, (c: ContextCheck) => void>();
  let aborted = 0;
  const run: CheckRunner = (names, { signal, onResult }) =>
    new Promise((resolve) => {
      calls.push(names);
      let left = names.length;
      for (const n of names)
        waiting.set(n, (c) => {
          onResult(c);
          if (--left === 0) resolve(undefined);
        });
      signal.addEventListener('abort', () => {
        aborted++;
        resolve(undefined);
      });
    });
  return { run, calls, finish: (n) => waiting.get(n)?.(ok(n)), aborted: () => aborted };
}

test('results fill in as they arrive, stay fresh for the TTL, then are checked again', async () => {
  let now = 1000;
  const r = manualRunner();
  const cache = new HealthCache({ run: r.run, now: () => now, ttlMs: 5000 });
  let changes = 0;
  cache.subscribe(() => changes++);
  cache.ensure(['a', 'b']);
  assert.deepEqual(r.calls, [['a', 'b']]);
  assert.equal(cache.get('a')?.state, 'pending');
  r.finish('b');
  assert.equal(cache.get('b')?.state, 'done');
  assert.equal(cache.get('a')?.state, 'pending');
  assert.equal(cache.lastOk('b'), 1000);
  r.finish('a');
  await Promise.resolve();
  cache.ensure(['a', 'b', 'c']);
  assert.deepEqual(r.calls[1], ['c'], 'fresh results are not checked again');
  now += 5000;
  cache.ensure(['a']);
  assert.deepEqual(r.calls[2], ['a'], 'a stale result is');
  assert.ok(changes >= 4);
});

test('refresh and stop abort what runs; nothing is left active', async () => {
  const r = manualRunner();
  const cache = new HealthCache({ run: r.run, now: () => 0 });
  cache.ensure(['a', 'b']);
  r.finish('a');
  cache.refresh(['a', 'b']);
  assert.equal(r.aborted(), 1);
  assert.deepEqual(r.calls[1], ['a', 'b']);
  assert.equal(cache.get('a')?.state, 'pending');
  cache.stop();
  assert.equal(r.aborted(), 2);
  assert.equal(cache.get('a'), undefined);
  await new Promise((res) => setImmediate(res));
  assert.equal(cache.active, 0);
  assert.equal(cache.lastOk('a'), 0, 'the last good check is remembered across a refresh');
});

test('a result the caller already knows is used instead of a check (the browser’s current context)', () => {
  const r = manualRunner();
  const cache = new HealthCache({ run: r.run, now: () => 0, known: (n) => (n === 'here' ? ok('here') : undefined) });
  cache.ensure(['here', 'there']);
  assert.deepEqual(r.calls, [['there']]);
  assert.equal(cache.get('here')?.state, 'done');
  assert.equal(cache.lastOk('here'), 0);
  assert.equal(cache.get('there')?.state, 'pending');
  cache.stop();
});
