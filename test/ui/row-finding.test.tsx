/**
 * The status line under the table: the selected pod's top finding from the core's diagnosis
 * (one cached GET of the pod, never its events), nothing on a healthy pod.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';
import { needsDiagnosis } from '../../src/ui/row-finding.js';
import type { PodRow } from '../../src/core/client/types.js';

/** The line right under the table's last row (the last line that starts with a troubled pod's name). */
function statusLine(frame: string): string {
  const lines = frame.split('\n');
  const last = lines.findLastIndex((l) => /^[a-z-]+-[a-z0-9]+-[a-z0-9]+ /.test(l));
  return lines[last + 1] ?? '';
}

test('the status line shows the selected pod’s top finding; a healthy pod shows nothing; events are never read', async (t) => {
  const { ui, store, session } = await startAppOnSim(t, {
    sim: { pods: 0, troubled: true },
    feed: { intervalMs: 60_000, watch: false },
    selection: { context: 'admin', namespace: 'troubled' },
    columns: 200,
    rows: 30,
  });
  await ui.waitFor((x) => x.includes('orders-7f9c6d8b5-k2x7p') && x.includes('CrashLoopBackOff'), 'troubled rows');
  // Counts the reads the status line makes.
  const client = session.client!;
  const calls = { pod: 0, events: 0 };
  const getPod = client.getPodObject.bind(client);
  const listEvents = client.listEvents.bind(client);
  client.getPodObject = (...a) => (calls.pod++, getPod(...a));
  client.listEvents = (...a) => (calls.events++, listEvents(...a));
  const view = store.getState().table.view;
  const orders = view.findIndex((r) => r.name === 'orders-7f9c6d8b5-k2x7p');
  const healthy = view.findIndex((r) => r.status === 'Running' && r.ready === '1/1');
  assert.ok(orders > 0 && healthy >= 0);
  const to = (i: number) => {
    const d = i - store.getState().table.cursor;
    return d >= 0 ? KEYS.down.repeat(d) : KEYS.up.repeat(-d);
  };
  let f = await ui.press(to(orders), (x) => statusLine(x).startsWith('pod.crash-loop · '), 'the crash loop’s finding');
  assert.match(statusLine(f), /^pod\.crash-loop · Container orders keeps crashing: exit code 1/);

  f = await ui.press(
    to(healthy),
    (x) => store.getState().table.cursor === healthy && statusLine(x).trim() === '',
    'on a healthy pod: no line',
  );
  assert.equal(statusLine(f).trim(), '');

  // Back on the crash loop: the cached line shows at once, with no second read of the pod.
  const before = calls.pod;
  assert.ok(before >= 1);
  f = await ui.press(to(orders), (x) => statusLine(x).startsWith('pod.crash-loop · '), 'again');
  assert.equal(calls.pod, before, 'no second read');
  assert.equal(calls.events, 0, 'no events read');
});

test('needsDiagnosis: only Running-and-ready and Completed rows are left alone', () => {
  const row = (status: string, ready: string): PodRow =>
    ({
      key: 'k',
      namespace: 'n',
      name: 'p',
      ready,
      status,
      restarts: '0',
      restartCount: 0,
      ip: '',
      node: '',
      nominatedNode: '',
      readinessGates: '',
      labels: {},
    }) as PodRow;
  assert.equal(needsDiagnosis(row('Running', '2/2')), false);
  assert.equal(needsDiagnosis(row('Completed', '0/1')), false);
  assert.equal(needsDiagnosis(row('Running', '1/2')), true);
  assert.equal(needsDiagnosis(row('CrashLoopBackOff', '0/1')), true);
  assert.equal(needsDiagnosis(row('Terminating', '1/1')), true);
});
