/** 50,000 pods: the reducer stays fast and only the visible window reaches Ink. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce, type UiState } from '../../src/ui/state.js';
import { filterRows } from '../../src/ui/rows.js';
import { App } from '../../src/ui/App.js';
import { createStore } from '../../src/ui/store.js';
import { renderSized } from '../helpers/ink.js';
import { row } from './fake-client.js';

const at = new Date('2026-06-01T00:00:00Z');
const target = { context: 'big', cluster: 'c', server: 'https://x', user: 'u', userOverridden: false, namespace: undefined };
const N = 50_000;
const rows = Array.from({ length: N }, (_, i) =>
  row(`pod-${(i * 7919) % N}`, {
    key: `k${i}`,
    namespace: `ns-${i % 50}`,
    restartCount: i % 13,
    status: i % 11 === 0 ? 'CrashLoopBackOff' : 'Running',
    labels: { app: `app-${i % 20}` },
  }),
);

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}

test('50,000 pods: sort, filter, scroll and a watch batch are fast enough for a frame', () => {
  let s: UiState = reduce(reduce(initialState(), { type: 'target', target }), { type: 'viewport', rows: 20 });
  [s] = timed(() => reduce(s, { type: 'pods', rows, at }));
  assert.equal(s.table.view.length, N);
  const costs: Record<string, number> = {};
  let ms: number;
  // A poll that returns the same pods (new objects, same sort keys) does not re-sort.
  [s, ms] = timed(() => reduce(s, { type: 'pods', rows: rows.map((r) => ({ ...r })), at }));
  costs.samePoll = ms;
  [s, ms] = timed(() => reduce(s, { type: 'page', dir: 1 }));
  costs.page = ms;
  [s, ms] = timed(() => reduce(s, { type: 'sort', key: 'restarts' }));
  costs.sort = ms;
  [s, ms] = timed(() => reduce(s, { type: 'filter-set', text: 'pod-1' }));
  costs.filter = ms;
  // Label selectors are applied by the server in the app; the local matcher is still measured.
  const [byLabel, labelMs] = timed(() => filterRows(s.table.sorted, '-l app=app-3'));
  costs.labels = labelMs;
  assert.equal(byLabel.length, N / 20);
  // A watch batch that changes cells but no sort key patches in place.
  const batch = s.table.view.slice(0, 50).map((r) => ({ ...r, ready: '0/1' }));
  [s, ms] = timed(() => reduce(s, { type: 'changes', upserts: batch, deletes: [], at }));
  costs.watchBatch = ms;
  assert.equal(s.table.view[0]!.ready, '0/1');
  console.log(
    '50k-pod reducer costs (ms):',
    JSON.stringify(Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, Math.round(v * 10) / 10]))),
  );
  // Generous bounds (a slow shared machine); the point is "not seconds".
  for (const [k, v] of Object.entries(costs)) assert.ok(v < 5000, `${k} took ${v} ms`);
});

test('50,000 pods: the frame holds only the visible rows', async (t) => {
  const store = createStore();
  store.dispatch({ type: 'target', target });
  store.dispatch({ type: 'pods', rows, at });
  const ui = renderSized(<App store={store} color={false} now={() => at} onQuit={() => undefined} />, 120, 30);
  t.after(() => ui.unmount());
  const f = await ui.waitFor((x) => x.includes('NAMESPACE') && x.includes('pod-'), 'rows');
  const podLines = f.split('\n').filter((l) => /\bpod-\d+/.test(l));
  assert.ok(podLines.length > 10 && podLines.length <= 29, `${podLines.length} pod lines`);
  assert.ok(f.split('\n').length <= 29);
  const t0 = performance.now();
  await ui.press('G', (x) => x.split('\n').some((l) => l.includes('pod-')) && store.getState().table.cursor === N - 1, 'last row');
  const ms = performance.now() - t0;
  assert.ok(ms < 8000, `G took ${ms} ms`);
});
