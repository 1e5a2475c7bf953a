/**
 * Usage columns in the interactive app against the simulator: shown and sortable when the metrics
 * API serves usage; absent or forbidden: no columns, no error in the pod list or its pane, one line in help.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';

const header = (frame: string): string => frame.split('\n').find((l) => /^\s*NAME[↓↑]?\s+READY/.test(l)) ?? '';

test('available: CPU, MEM and the shares, sorted by C and M (most first)', async (t) => {
  const { ui, store } = await startAppOnSim(t, {
    sim: { pods: 60 },
    feed: { intervalMs: 200, watch: false },
    selection: { context: 'admin', namespace: 'shop' },
    columns: 160,
  });
  let f = await ui.waitFor((x) => x.includes('%MEM/L') && /\d+m\s+\d+Mi/.test(x), 'usage columns with values', 20_000);
  assert.match(header(f), /NAME↓\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+CPU\s+MEM\s+%CPU\/R\s+%CPU\/L\s+%MEM\/R\s+%MEM\/L/);
  // Pods that do not run have no usage: a dash. Generated pods have a memory limit and no CPU limit.
  assert.match(f, /\s-\s+-\s+-\s+-\s+-\s+-/);
  assert.match(f, /\d+%\s+n\/a\s+\d+%\s+\d+%/);
  f = await ui.press('C', (x) => header(x).includes('CPU↓'), 'sorted by CPU');
  const cpu = store
    .getState()
    .table.view.slice(0, 5)
    .map((r) => store.getState().table.usage?.get(`${r.namespace}/${r.name}`)?.cells.cpuMillis ?? -1);
  assert.deepEqual(
    cpu,
    [...cpu].sort((a, b) => b - a),
  );
  await ui.press('M', (x) => header(x).includes('MEM↓'), 'sorted by memory');
  await ui.press('?', (x) => x.includes('sort by CPU'), 'help lists the usage sorts');
  assert.doesNotMatch(ui.frame(), /No CPU\/MEM columns/);
  await ui.press(KEYS.escape, (x) => x.includes('MEM↓'), 'back');
});

test('absent (no-metrics context) and forbidden (developer): no columns, no error, one line in help', async (t) => {
  const { ui, store, session } = await startAppOnSim(t, {
    sim: { pods: 60 },
    feed: { intervalMs: 200, watch: false },
    selection: { context: 'no-metrics', namespace: 'shop' },
    columns: 160,
  });
  let f = await ui.waitFor((x) => x.includes('Running') && store.getState().table.metrics?.state === 'absent', 'rows, metrics absent');
  assert.doesNotMatch(header(f), /CPU|MEM/);
  assert.match(header(f), /AGE\s+IP\s+NODE/, 'the wide columns keep their room');
  assert.doesNotMatch(f, /why no pods|✗/);
  f = await ui.press('?', (x) => x.includes('Keys (Esc'), 'help');
  assert.match(f, /No CPU\/MEM columns \(metrics absent\): The cluster does not serve metrics\.k8s\.io/);
  assert.doesNotMatch(f, /sort by CPU/, 'the usage sorts are not offered');
  await ui.press(KEYS.escape, (x) => !x.includes('Keys (Esc'), 'back');
  const before = store.getState().table.sort;
  await ui.press('C', () => true, 'C');
  assert.equal(store.getState().table.sort, before, 'C does nothing without usage');

  session.switchContext('developer');
  session.switchNamespace('shop');
  f = await ui.waitFor(
    (x) => x.includes('ctx: developer') && x.includes('Running') && store.getState().table.metrics?.state === 'forbidden',
    'developer rows in shop, metrics forbidden',
    20_000,
  );
  assert.doesNotMatch(header(f), /CPU|MEM/);
  assert.doesNotMatch(f, /why no pods|✗|\b403\b/, 'a metrics 403 never reaches the pod list or its pane');
  assert.equal(store.getState().table.failure, undefined);
  f = await ui.press('?', (x) => x.includes('Keys (Esc'), 'help');
  assert.match(f, /No CPU\/MEM columns \(metrics forbidden\): You may not read pod metrics in namespace "shop"/);
});
