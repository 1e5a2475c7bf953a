/**
 * The pod detail screen in the whole App against the simulator: Enter on a crash-looping pod
 * shows the diagnosis, the exit code and the events; y shows the YAML; Esc returns to the same row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../../helpers/app-on-sim.js';
import { KEYS } from '../../helpers/ink.js';

test('Enter on a crash-looping pod: diagnosis, exit code, events; y YAML; Esc back to the same row', async (t) => {
  const { ui, store } = await startAppOnSim(t, {
    sim: { pods: 0, troubled: true },
    feed: { intervalMs: 1000, watch: false },
    selection: { context: 'admin', namespace: 'troubled' },
    columns: 160,
    rows: 40,
  });
  await ui.waitFor((x) => x.includes('orders-7f9c6d8b5-k2x7p') && x.includes('CrashLoopBackOff'), 'troubled rows');
  const index = store.getState().table.view.findIndex((r) => r.name === 'orders-7f9c6d8b5-k2x7p');
  assert.ok(index > 0);
  await ui.press(KEYS.down.repeat(index), () => store.getState().table.cursor === index, 'cursor on orders');
  let f = await ui.press(KEYS.enter, (x) => x.includes('[pod.crash-loop]') && x.includes('Controlled By'), 'detail with the diagnosis');
  assert.match(f, /Container orders keeps crashing: exit code 1/);
  f = await ui.press('2', (x) => x.includes('Exit Code:'), 'containers section');
  assert.match(f, /Last State: +Terminated/);
  assert.match(f, /Exit Code: +1/);
  f = await ui.press('4', (x) => x.includes('[4 Events]') && x.includes('Back-off restarting'), 'events section');
  assert.match(f, /Warning +BackOff +\S+ \(x52 over 4\dm\) +kubelet/);
  f = await ui.press('y', (x) => x.includes('apiVersion: v1') && x.includes('kind: Pod'), 'YAML');
  assert.doesNotMatch(f, /managedFields/);
  await ui.press(KEYS.escape, (x) => x.includes('NAME') && x.includes('RESTARTS'), 'back to the table');
  const st = store.getState();
  assert.equal(st.table.view[st.table.cursor]?.name, 'orders-7f9c6d8b5-k2x7p');
});

test('the detail refreshes live while open, and a pod deleted meanwhile says so', async (t) => {
  const { ui, store, sim } = await startAppOnSim(t, {
    sim: { pods: 0, troubled: true },
    // The detail is re-read at the table's period: the two changes below each wait for one.
    feed: { intervalMs: 300, watch: false },
    selection: { context: 'admin', namespace: 'troubled' },
    columns: 160,
    rows: 40,
  });
  const name = 'reports-5b8d7c9f6-m4n8q';
  await ui.waitFor((x) => x.includes(name), 'troubled rows');
  const index = store.getState().table.view.findIndex((r) => r.name === name);
  await ui.press(KEYS.down.repeat(index), () => store.getState().table.cursor === index, 'cursor on reports');
  await ui.press(KEYS.enter, (x) => x.includes('[pod.oom-killed]'), 'detail');
  await ui.press('2', (x) => /Restart Count: +7\b/.test(x), 'containers: 7 restarts');
  sim.cluster.updatePod('troubled', name, (pod) => {
    const s = pod.status?.containerStatuses?.[0];
    if (s) s.restartCount = 99;
  });
  await ui.waitFor((x) => /Restart Count: +99\b/.test(x), 'the change shown without a key', 10_000);
  sim.cluster.deletePod('troubled', name);
  const f = await ui.waitFor((x) => x.includes(`Pod ${name} was deleted`), 'deleted, said', 10_000);
  assert.match(f, /last known state below/);
});
