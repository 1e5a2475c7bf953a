/**
 * Delete, kill, marks, the permission pre-check and read-only mode: the whole App against the
 * simulator over HTTPS (the confirmation text, the request the server received, the row's
 * Terminating state, the ReplicaSet's replacement, the forbidden explanation, no request at all
 * when read-only).
 */
import { test, type TestContext } from 'node:test';
import { PassThrough } from 'node:stream';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';
import { createActionsContext } from '../../src/ui/actions-setup.js';
import type { ClusterEvent } from '../../src/sim/index.js';

const CTRL_D = '\u0004';
const CTRL_K = '\u000b';

function actions(readonly = false) {
  return createActionsContext({
    flags: { readonly, readonlyContexts: [] },
    config: {},
    contextExtensions: () => undefined,
    stepAside: (fn) => fn(),
    // Not used: these tests open no shell.
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout: new PassThrough() as unknown as NodeJS.WriteStream,
    now: () => new Date(),
  });
}

async function start(t: TestContext, context: string, namespace: string, readonly = false) {
  return startAppOnSim(t, {
    sim: { pods: 60 },
    feed: { intervalMs: 300, watch: false },
    selection: { context, namespace },
    actions: actions(readonly),
    columns: 130,
    rows: 30,
  });
}

/** Filters to `prefix` and moves the cursor to the first Running 1/1 row; returns its name. */
async function selectFirst(app: Awaited<ReturnType<typeof start>>, prefix: string): Promise<string> {
  const { ui, store } = app;
  await ui.waitFor((x) => x.includes('Running'), 'rows');
  await ui.press(`/${prefix}`, (x) => x.includes(`/${prefix}▏`), 'filter typed');
  await ui.press(KEYS.enter, (x) => !x.includes('▏'), 'filter kept');
  const row = store.getState().table.view.find((r) => r.status === 'Running' && r.ready === '1/1');
  assert.ok(row);
  const at = (): string | undefined => store.getState().table.view[store.getState().table.cursor]?.name;
  for (let i = 0; i < 50 && at() !== row.name; i++) await ui.press('j', (x) => x.length > 0 && at() !== undefined, 'down');
  assert.equal(at(), row.name);
  return row.name;
}

test('Ctrl-D: the confirmation says what will happen; y deletes, the row shows Terminating and a replacement appears', async (t) => {
  const app = await start(t, 'admin', 'default');
  const { sim, ui } = app;
  const row = { name: await selectFirst(app, 'web') };
  const before = new Set([...sim.cluster.iterate('default')].map((v) => v.pod.metadata?.name));
  const f = await ui.press(CTRL_D, (x) => x.includes(`Delete pod ${row.name}?`), 'the confirmation', 15_000);
  assert.match(f, new RegExp(`pod ${row.name} in namespace default`));
  assert.match(f, /context admin, cluster sim \(https:\/\/127\.0\.0\.1:\d+\)/);
  assert.match(f, /graceful, 30 s grace period from the pod spec/);
  assert.match(f, /its ReplicaSet web-7c9d8b6f5 will create a replacement \(with a new name\)/);
  assert.match(f, /y or Enter confirms, any other key cancels/);
  await ui.press('y', (x) => x.includes(`pod ${row.name}: deleting (Terminating until it is gone)`), 'the result');
  await ui.waitFor((x) => new RegExp(`${row.name}\\s+1/1\\s+Terminating`).test(x), 'the row shows Terminating');
  const pod = sim.cluster.getPod('default', row.name)?.pod;
  assert.ok(pod?.metadata?.deletionTimestamp, 'the server received the DELETE');
  assert.equal(pod?.metadata?.deletionGracePeriodSeconds, 30);
  const replacement = [...sim.cluster.iterate('default')].find(
    (v) => !before.has(v.pod.metadata?.name) && v.pod.metadata?.labels?.['app'] === 'web',
  );
  assert.ok(replacement);
  await ui.waitFor((x) => x.includes(replacement.pod.metadata!.name!), 'the replacement appears in the table');
});

test('any other key cancels; Ctrl-K kills at once (grace period 0)', async (t) => {
  const app = await start(t, 'admin', 'default');
  const { sim, ui } = app;
  const name = await selectFirst(app, 'api');
  await ui.press(CTRL_D, (x) => x.includes(`Delete pod ${name}?`), 'the confirmation', 15_000);
  await ui.press('n', (x) => !x.includes('Delete pod'), 'cancelled');
  assert.ok(!sim.cluster.getPod('default', name)?.pod.metadata?.deletionTimestamp);
  const f = await ui.press(CTRL_K, (x) => x.includes(`Kill pod ${name}?`), 'the kill confirmation', 15_000);
  assert.match(f, /force: the container is not given time to shut down \(grace period 0\)/);
  await ui.press(KEYS.enter, (x) => x.includes(`pod ${name}: killed`), 'killed');
  assert.equal(sim.cluster.getPod('default', name), undefined);
  await ui.waitFor((x) => !new RegExp(`\\n${name}\\s`).test(x), 'the row is gone');
});

test('Space marks rows (mark column, count in the header); Ctrl-D deletes every marked pod and reports each', async (t) => {
  const { sim, ui, store } = await start(t, 'admin', 'shop');
  await ui.waitFor((x) => x.includes('Running'), 'rows');
  await ui.press('/cart', (x) => x.includes('/cart▏'), 'filter typed');
  await ui.press(KEYS.enter, (x) => !x.includes('▏'), 'filter kept');
  const names = store
    .getState()
    .table.view.slice(0, 2)
    .map((r) => r.name);
  await ui.press(' ', (x) => x.includes('1 marked'), 'one mark');
  const f = await ui.press(' ', (x) => x.includes('2 marked'), 'two marks');
  for (const n of names) assert.match(f, new RegExp(`\\* ${n}`));
  const c = await ui.press(CTRL_D, (x) => x.includes('Delete 2 pods?'), 'the confirmation for both', 15_000);
  assert.match(c, /2 pods in namespace shop/);
  for (const n of names) assert.match(c, new RegExp(`${n}: its ReplicaSet cart-6b8f9d7c5 will create a replacement`));
  const r = await ui.press('y', (x) => x.includes('Delete: 2 of 2 done'), 'the results', 15_000);
  for (const n of names) assert.match(r, new RegExp(`pod ${n}: deleting`));
  await ui.press('x', (x) => !x.includes('Delete: 2 of 2 done') && !x.includes('marked'), 'closed, marks cleared');
  for (const n of names) assert.ok(sim.cluster.getPod('shop', n)?.pod.metadata?.deletionTimestamp);
});

test('the permission pre-check: the developer may not delete in shop, and is told why instead of a confirmation', async (t) => {
  const app = await start(t, 'developer', 'shop');
  const { sim, ui } = app;
  const name = await selectFirst(app, 'cart');
  const changes: ClusterEvent[] = [];
  t.after(sim.cluster.subscribe((e) => changes.push(e)));
  const f = await ui.press(CTRL_D, (x) => x.includes('you may not delete pods in shop'), 'the explanation', 15_000);
  assert.match(f, /you may not delete pods in shop: you are jane@example\.com in groups developers/);
  assert.doesNotMatch(f, /Delete pod/);
  assert.ok(!sim.cluster.getPod('shop', name)?.pod.metadata?.deletionTimestamp);
  assert.deepEqual(changes, []);
});

test('read-only: no action key in the footer or the help, READ-ONLY in the header, and no request when they are pressed', async (t) => {
  const { sim, ui, store } = await start(t, 'admin', 'default', true);
  const f = await ui.waitFor((x) => x.includes('Running'), 'rows');
  assert.match(f, /kpods {2}READ-ONLY/);
  assert.doesNotMatch(f, /Ctrl-D|s shell/);
  assert.match(f, /\? help/);
  const help = await ui.press('?', (x) => x.includes('Pod table'), 'help');
  assert.doesNotMatch(help, /delete|kill|shell|mark/i);
  assert.match(help, /write ctx\+ns to kubeconfig/, 'saving (w) is not an action: it stays, in help');
  await ui.press(KEYS.escape, (x) => !x.includes('Pod table'), 'help closed');
  const changes: ClusterEvent[] = [];
  t.after(sim.cluster.subscribe((e) => changes.push(e)));
  const requests = sim.stats.requests;
  const before = store.getState();
  for (const k of [CTRL_D, CTRL_K, ' ', 's']) ui.stdin.write(k);
  await ui.press('G', (x) => x.length > 0, 'a later key is handled');
  assert.equal(store.getState().stack.length, 1, 'no confirm opened');
  assert.equal(store.getState().marks.size, 0);
  assert.equal(store.getState().message, before.message);
  assert.deepEqual(changes, []);
  // Only the polling list may have been sent meanwhile (no review, no DELETE, no exec).
  assert.ok(sim.stats.requests - requests <= 3);
});
