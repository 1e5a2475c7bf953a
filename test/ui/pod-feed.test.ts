import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { once, EventEmitter } from 'node:events';
import { BATCH_BURST_MS, BATCH_COST_FACTOR, MAX_BATCH_GAP_MS, PodFeed, pollWaitMs, type FeedListener } from '../../src/ui/pod-feed.js';
import { backoffMs } from '../../src/ui/feed-pause.js';
import type { PodRow } from '../../src/core/client/types.js';
import type { Failure } from '../../src/core/failure.js';
import { FakeClient, forbidden, row } from './fake-client.js';

/** A listener that records everything and emits 'event' on each call. */
function recorder() {
  const ev = new EventEmitter();
  const log: Array<{ kind: string; rows?: PodRow[]; deletes?: string[]; failure?: Failure }> = [];
  const listener: FeedListener = {
    pods: (rows) => (log.push({ kind: 'pods', rows }), ev.emit('event')),
    changes: (rows, deletes) => (log.push({ kind: 'changes', rows, deletes }), ev.emit('event')),
    progress: () => (log.push({ kind: 'progress' }), ev.emit('event')),
    failed: (failure) => (log.push({ kind: 'failed', failure }), ev.emit('event')),
  };
  const until = async (pred: () => boolean): Promise<void> => {
    const deadline = setTimeout(() => ev.emit('error', new Error('timed out')), 5000);
    try {
      while (!pred()) await once(ev, 'event');
    } finally {
      clearTimeout(deadline);
    }
  };
  return { log, listener, until };
}

test('backoff doubles from the interval up to the cap', () => {
  assert.equal(backoffMs(2000, 0, 30000), 2000);
  assert.equal(backoffMs(2000, 1, 30000), 2000);
  assert.equal(backoffMs(2000, 2, 30000), 4000);
  assert.equal(backoffMs(2000, 4, 30000), 16000);
  assert.equal(backoffMs(2000, 9, 30000), 30000);
});

test('polling never overlaps requests, even when refresh is pressed while one is in flight', async () => {
  const client = new FakeClient();
  client.rows = [row('a')];
  client.hold();
  const r = recorder();
  const feed = new PodFeed({ client, query: { namespace: 'default' }, intervalMs: 5, watch: false, listener: r.listener });
  feed.refresh();
  feed.refresh();
  client.release();
  await r.until(() => r.log.filter((e) => e.kind === 'pods').length >= 3);
  feed.stop();
  await feed.done;
  assert.equal(client.maxInFlight, 1);
  assert.deepEqual(client.calls[0], { namespace: 'default' });
});

test('a failure is explained once per kind of failure, and the feed recovers', async () => {
  const client = new FakeClient();
  client.fail = forbidden;
  let explained = 0;
  const r = recorder();
  const feed = new PodFeed({
    client,
    query: {},
    intervalMs: 1,
    maxBackoffMs: 4,
    watch: false,
    listener: r.listener,
    explain: async (f) => (explained++, { ...f, detail: 'you may list pods in: dev' }),
  });
  await r.until(() => r.log.filter((e) => e.kind === 'failed').length >= 3);
  assert.equal(explained, 1);
  assert.equal(r.log.find((e) => e.kind === 'failed')?.failure?.detail, 'you may list pods in: dev');
  client.fail = undefined;
  client.rows = [row('a')];
  await r.until(() => r.log.some((e) => e.kind === 'pods'));
  feed.stop();
  await feed.done;
});

test('watch mode lists once, then applies events in batches per frame', async () => {
  const client = new FakeClient();
  client.rows = [row('a'), row('b')];
  const r = recorder();
  const feed = new PodFeed({ client, query: {}, intervalMs: 1000, watch: true, listener: r.listener, frameMs: 20 });
  await r.until(() => client.watchers.length === 1);
  const emit = client.watchers[0]!;
  emit({ type: 'ADDED', row: row('c'), resourceVersion: '101' });
  emit({ type: 'MODIFIED', row: row('a', { status: 'Error' }), resourceVersion: '102' });
  emit({ type: 'DELETED', row: row('b'), resourceVersion: '103' });
  await r.until(() => r.log.some((e) => e.kind === 'changes'));
  const changes = r.log.filter((e) => e.kind === 'changes');
  assert.equal(changes.length, 1);
  assert.deepEqual(changes[0]!.rows!.map((x) => x.name).sort(), ['a', 'c']);
  assert.deepEqual(changes[0]!.deletes, [row('b').key]);
  // 410 Gone: relist at once.
  client.endWatch!({ ok: false, failure: { stage: 'response', code: 'response.gone', summary: 'gone', hints: [] } });
  await r.until(() => client.calls.length === 2);
  feed.stop();
  await feed.done;
});

test("polls after the first list ask for the API server's watch cache; the first list, `r` and a watch's list read consistently", async () => {
  const client = new FakeClient();
  client.rows = [row('a')];
  const r = recorder();
  const feed = new PodFeed({ client, query: {}, intervalMs: 5, watch: false, listener: r.listener });
  await r.until(() => r.log.filter((e) => e.kind === 'pods').length >= 3);
  client.hold();
  feed.refresh();
  const asked = client.options.length;
  client.release();
  await r.until(() => client.options.length >= asked + 2);
  feed.stop();
  await feed.done;
  const consistent = client.options.flatMap((o, i) => (o.cached === true ? [] : [i]));
  assert.equal(consistent[0], 0, 'the first list is a consistent, paged read (its rows show as pages arrive)');
  assert.equal(
    consistent.length,
    2,
    `one more consistent read, for \`r\`; the other polls are served from the watch cache: ${consistent.join(',')}`,
  );
  assert.ok(consistent[1]! >= asked - 1, 'the second consistent read is the refresh');
  assert.ok(client.options.every((o) => o.perNamespace === true));
  // Long answers are read a slice at a time, with a turn of the event loop (keystrokes) between slices.
  const pause = client.options[0]?.pause;
  assert.ok(pause);
  let immediateRan = false;
  setImmediate(() => (immediateRan = true));
  await pause();
  assert.ok(immediateRan, 'the pause lets the event loop turn');

  const watching = new FakeClient();
  watching.rows = [row('a')];
  const w = recorder();
  const wfeed = new PodFeed({ client: watching, query: {}, intervalMs: 5, watch: true, listener: w.listener });
  await w.until(() => w.log.some((e) => e.kind === 'pods'));
  wfeed.stop();
  await wfeed.done;
  assert.equal(watching.options[0]?.cached, undefined, "a watch starts from a consistent list's resourceVersion");
});

test('watch batches: isolated changes a frame later; under churn applying them takes about 1/BATCH_COST_FACTOR of the time', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const client = new FakeClient();
    client.rows = [row('a')];
    let clock = 0;
    // Isolated changes, one a second, each costing what the credit refills in a second.
    let cost = 1000 / BATCH_COST_FACTOR;
    const applied: number[] = [];
    const r = recorder();
    const listener: FeedListener = {
      ...r.listener,
      changes: (rows, deletes) => {
        applied.push(clock);
        clock += cost; // applying a batch takes `cost` ms of the (fake) clock
        r.listener.changes(rows, deletes);
      },
    };
    const feed = new PodFeed({
      client,
      query: {},
      intervalMs: 1000,
      watch: true,
      listener,
      frameMs: 20,
      clockMs: () => clock,
      shown: (key) => key === row('on-screen').key,
    });
    await r.until(() => client.watchers.length === 1);
    const emit = client.watchers[0]!;
    const tick = (ms: number): void => {
      for (let i = 0; i < ms; i += 10) {
        clock += 10;
        mock.timers.tick(10);
      }
    };
    // Every isolated change is applied a frame later.
    for (let i = 0; i < 5; i++) {
      const at = clock;
      emit({ type: 'MODIFIED', row: row('a', { status: i % 2 ? 'Error' : 'Running' }) });
      tick(20);
      assert.equal(applied.length, i + 1, `change ${i}: applied`);
      assert.ok(applied[i]! - at <= 20, `change ${i}: one frame later`);
      tick(1000);
    }
    // Churn: an event every 10 ms for 20 s, each batch costing 2 ms to apply (its wait stays under MAX_BATCH_GAP_MS).
    cost = 2;
    const before = applied.length;
    let waitedMost = 0;
    for (let t = 0; t < 20_000; t += 10) {
      emit({ type: 'ADDED', row: row(`p${t}`) });
      const last = applied.at(-1) ?? 0;
      waitedMost = Math.max(waitedMost, clock - last);
      tick(10);
    }
    const batches = applied.length - before;
    const budget = (20_000 / BATCH_COST_FACTOR + BATCH_BURST_MS) / cost; // 50 + 25
    assert.ok(batches <= budget + 1, `${batches} batches for a budget of ${budget}`);
    assert.ok(batches >= budget / 2, `${batches} batches: the budget is used`);
    assert.ok(waitedMost <= MAX_BATCH_GAP_MS + 20 + cost + 10, `no change waits more than the longest gap (${waitedMost} ms)`);
    // The credit is spent: an off-screen change waits, a change to a row on screen comes a frame later.
    emit({ type: 'ADDED', row: row('off-screen') });
    tick(20);
    const owed = applied.length;
    emit({ type: 'MODIFIED', row: row('on-screen') });
    tick(20);
    assert.equal(applied.length, owed + 1, 'a row on screen is not held back by the budget');
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});

test('a large list yields to input waiting since its answer before its rows are merged (the keystroke first)', async () => {
  const client = new FakeClient();
  client.rows = Array.from({ length: 6000 }, (_, i) => row(`p${i}`));
  const order: string[] = [];
  const list = client.listPods.bind(client);
  // A keystroke that arrives while the answer is read: an I/O event queued behind the list's turn.
  client.listPods = async (q, o) => {
    const res = await list(q, o);
    setImmediate(() => order.push('input'));
    return res;
  };
  const r = recorder();
  const feed = new PodFeed({
    client,
    query: {},
    intervalMs: 60_000,
    watch: false,
    listener: { ...r.listener, pods: (rows) => (order.push('pods'), r.listener.pods(rows)) },
  });
  await r.until(() => order.includes('pods') && order.includes('input'));
  feed.stop();
  await feed.done;
  assert.deepEqual(order, ['input', 'pods']);
});

test('polls start every interval: the time a poll took is taken off the wait after it (at least half an interval of rest)', async () => {
  assert.equal(pollWaitMs(2000, 300), 1700);
  assert.equal(pollWaitMs(2000, 1500), 1000);
  assert.equal(pollWaitMs(2000, -5), 2000);
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const client = new FakeClient();
    client.rows = [row('a')];
    let clock = 0;
    const r = recorder();
    client.hold();
    const feed = new PodFeed({ client, query: {}, intervalMs: 2000, watch: false, listener: r.listener, clockMs: () => clock });
    await r.until(() => client.calls.length === 1);
    clock += 300; // the answer takes 300 ms
    client.release();
    await r.until(() => r.log.filter((e) => e.kind === 'pods').length === 1);
    await new Promise((resolve) => setImmediate(resolve));
    mock.timers.tick(1699);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(client.calls.length, 1, 'not before the interval since the poll started');
    mock.timers.tick(1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(client.calls.length, 2, 'the next poll starts 2 s after the last one started');
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});
