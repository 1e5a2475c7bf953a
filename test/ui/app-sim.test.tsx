/**
 * The whole UI against the simulated cluster over real HTTPS: rows → a context that gets 403 →
 * the pane explains it and where listing is allowed → switch namespace → rows → the server
 * starts failing → stale rows and the explanation → it recovers → the pane closes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';

test('the interactive app against the simulator: 403 explained, namespace switch, failure and recovery', async (t) => {
  const { sim, ui } = await startAppOnSim(t, {
    sim: { pods: 60 },
    feed: { intervalMs: 200, watch: false },
    selection: { context: 'admin', namespace: null },
  });

  let f = await ui.waitFor(
    (x) => x.includes('ns: all') && x.includes('NAMESPACE') && x.includes('Running'),
    'admin rows in all namespaces',
  );
  assert.match(f, /you are: kpods-admin/);

  await ui.press('c', (x) => x.includes('Contexts') && x.includes('developer'), 'context picker');
  await ui.press('/developer', (x) => x.includes('filter: developer'), 'filter typed');
  f = await ui.press(
    KEYS.enter,
    (x) => x.includes('ctx: developer') && x.includes('[authorization ✗]') && x.includes('shop'),
    '403 explained with the allowed namespace',
    20_000,
  );
  assert.match(f, /not allowed to list pods in namespace "default"/);
  assert.match(f, /jane@example\.com/);

  await ui.press(
    'n',
    (x) => x.includes('Namespaces') && x.includes('shop') && x.includes('all namespaces'),
    'namespace picker offers shop',
    20_000,
  );
  await ui.press('/shop', (x) => x.includes('filter: shop'), 'typed');
  await ui.press(
    KEYS.enter,
    (x) => x.includes('ns: shop') && x.includes('Running') && !x.includes('[authorization ✗]'),
    'rows in shop',
    20_000,
  );
  await ui.waitFor((x) => !x.includes('why no pods') && !x.includes('── resolved'), 'pane closed after the 403 cleared', 10_000);

  sim.cluster.setFault('server-error');
  f = await ui.waitFor(
    (x) => x.includes('STALE') && x.includes('list not updated, last good rows shown: response.') && x.includes('Running'),
    'stale rows and the explanation',
    20_000,
  );
  sim.cluster.setFault(null);
  await ui.waitFor((x) => x.includes('── resolved') && x.includes('The server answers again'), 'the pane says the failure cleared', 40_000);
  await ui.waitFor((x) => !x.includes('── resolved') && !x.includes('STALE') && x.includes('refreshed every'), 'the pane closes', 10_000);
});

test('--watch keeps the table live by list+watch: a change and a deletion arrive without polling', async (t) => {
  // A one-hour interval: anything that changes on screen came through the watch.
  const { sim, store, ui } = await startAppOnSim(t, {
    sim: { pods: 40 },
    feed: { intervalMs: 3_600_000, watch: true },
    selection: { context: 'admin' },
  });
  await ui.waitFor((x) => x.includes('ns: default') && x.includes('Running'), 'rows');
  const first = store.getState().table.view[0]!;
  const second = store.getState().table.view[1]!;
  const changed = sim.cluster.updatePod(first.namespace, first.name, (pod) => {
    const cs = pod.status?.containerStatuses;
    if (cs && cs[0]) cs[0] = { ...cs[0], restartCount: 4242 - cs.slice(1).reduce((n, c) => n + (c.restartCount ?? 0), 0) };
  });
  assert.ok(changed);
  await ui.waitFor((x) => x.includes('4242'), 'the change arrives through the watch', 20_000);
  assert.ok(sim.cluster.deletePod(second.namespace, second.name));
  await ui.waitFor((x) => !x.includes(second.name), 'the deletion arrives through the watch', 20_000);
});

test('hostile text from the cluster is neutralised before it reaches the terminal', async (t) => {
  const { store, ui } = await startAppOnSim(t, {
    sim: { pods: 30 },
    feed: { intervalMs: 60_000, watch: false },
    selection: { context: 'hostile' },
    columns: 160,
  });
  await ui.waitFor((x) => x.includes('ns: hostile') && store.getState().table.view.length > 0, 'hostile rows', 20_000);
  await ui.waitFor((x) => x.includes('^['), 'escape shown in caret notation');
  const raw = ui.frames[ui.frames.length - 1] ?? '';
  // Ink's own styling escapes are CSI sequences; none other (OSC titles, cursor moves by the cluster) may remain.
  const foreign = raw.replace(/\u001b\[[0-9;]*m/g, '');
  assert.doesNotMatch(foreign, /\u001b\]|\u0007/, 'no OSC or BEL from the cluster');
});

test('a -l label filter is applied by the server', async (t) => {
  const { store, ui } = await startAppOnSim(t, {
    sim: { pods: 40 },
    feed: { intervalMs: 60_000, watch: false },
    selection: { context: 'admin' },
  });
  await ui.waitFor((x) => /\nweb-/.test(x) && /\napi-/.test(x), 'web and api pods');
  await ui.press('/-l app=web', (x) => x.includes('/-l app=web'), 'typed');
  await ui.press(KEYS.enter, (x) => /\nweb-/.test(x) && !/\napi-/.test(x), 'only app=web pods', 20_000);
  assert.ok(store.getState().table.view.every((r) => r.name.startsWith('web-')));
});
