/**
 * Frames are drawn only when something on screen changed: the header's freshness is said once
 * ("refreshed every 2s", "watching for changes") instead of counted up every second, and shows the
 * rows' age only when it matters (a late refresh, stale rows); a clock tick, a refresh with the same
 * rows and a request that ends within a second draw nothing (fake timers for the ticks).
 */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Text } from 'ink';
import { createElement } from 'react';
import { visibleSignature } from '../../src/ui/App.js';
import { freshness, LATE_AFTER_MS } from '../../src/ui/header-text.js';
import { initialState, reduce, type Action, type TargetInfo, type UiState } from '../../src/ui/state.js';
import { createStore } from '../../src/ui/store.js';
import { FrameGate, useFrame } from '../../src/ui/use-frame.js';
import { renderSized } from '../helpers/ink.js';
import { forbidden, row } from './fake-client.js';

const t0 = new Date('2026-06-01T00:00:00Z');
const after = (ms: number): Date => new Date(t0.getTime() + ms);
const base: TargetInfo = { context: 'a', cluster: 'c', server: 'https://x', user: 'u', userOverridden: false, namespace: 'default' };
const run = (s: UiState, ...as: Action[]): UiState => as.reduce(reduce, s);
const rows = Array.from({ length: 30 }, (_, i) => row(`p${String(i).padStart(2, '0')}`));

function polled(feed: TargetInfo['feed']): UiState {
  return run(initialState(), { type: 'target', target: { ...base, feed } }, { type: 'viewport', rows: 10 }, { type: 'pods', at: t0, rows });
}

test('polling: fresh rows say the interval once; a late refresh says how old the rows are, and stale rows too', () => {
  const s = polled({ watch: false, intervalMs: 2000 });
  assert.equal(freshness(s, t0), 'refreshed every 2s');
  assert.equal(freshness(s, after(2000 + LATE_AFTER_MS)), 'refreshed every 2s', 'a refresh may take a moment');
  assert.equal(freshness(s, after(2000 + LATE_AFTER_MS + 1000)), 'updated 5s ago', 'late: the age counts');
  const stale = reduce(s, { type: 'failed', failure: forbidden });
  assert.equal(freshness(stale, after(12_000)), 'STALE: last good refresh 12s ago');
});

test('watching: the rows are live while the watch runs, however long ago the last change came', () => {
  const s = polled({ watch: true, intervalMs: 2000 });
  assert.equal(freshness(s, after(3_600_000)), 'watching for changes');
  assert.equal(freshness(reduce(s, { type: 'failed', failure: forbidden }), after(61_000)), 'STALE: last good refresh 61s ago');
});

test('without a feed (a state built by hand) the age is counted as before', () => {
  assert.equal(freshness(polled(undefined), after(3000)), 'updated 3s ago');
});

test('the visible signature ignores what the screen does not show: a second tick, the same rows again, a short request', () => {
  const same = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  const s = polled({ watch: false, intervalMs: 2000 });
  const before = visibleSignature(s, t0);
  assert.ok(same(before, visibleSignature(s, after(1000))), 'a tick that changes no text on screen');
  let next = reduce(s, { type: 'waiting-server', since: after(2000) });
  assert.ok(same(before, visibleSignature(next, after(2500))), 'a request in flight for under a second is not shown');
  assert.ok(!same(before, visibleSignature(next, after(3100))), 'after a second it is ("waiting for the server… 1 s")');
  next = run(next, { type: 'waiting-server' }, { type: 'pods', at: after(2600), rows: rows.map((r) => ({ ...r })) });
  assert.ok(same(before, visibleSignature(next, after(2600))), 'a refresh that brings the same rows');
  const stale = reduce(next, { type: 'failed', failure: forbidden });
  assert.ok(!same(visibleSignature(stale, after(5000)), visibleSignature(stale, after(6000))), 'stale rows: their age counts each second');
  // A watched row computes AGE from its creation time: the tick that changes a visible AGE draws.
  const young = run(
    initialState(),
    { type: 'target', target: { ...base, feed: { watch: true, intervalMs: 2000 } } },
    {
      type: 'pods',
      at: t0,
      rows: [row('young', { createdAt: after(-30_000) }), row('old', { createdAt: after(-3 * 86_400_000) })],
    },
  );
  assert.ok(!same(visibleSignature(young, t0), visibleSignature(young, after(1000))), '30s → 31s');
});

test('FrameGate: says yes once per new signature', () => {
  const gate = new FrameGate<number>((n, now) => [n, Math.floor(now.getTime() / 60_000)]);
  assert.equal(gate.offer(1, t0), true);
  assert.equal(gate.offer(1, after(59_000)), false);
  assert.equal(gate.offer(1, after(60_000)), true);
  assert.equal(gate.offer(2, after(60_000)), true);
  assert.equal(gate.offer(2, after(61_000)), false);
});

test('useFrame: an idle screen renders no frame on clock ticks; a visible change renders one', async () => {
  mock.timers.enable({ apis: ['setInterval'] });
  try {
    const store = createStore(polled({ watch: false, intervalMs: 2000 }), 0);
    let clock = t0;
    let renders = 0;
    const signature = (s: UiState, now: Date): unknown[] => [s.table.stale, freshness(s, now)];
    function Probe() {
      const { state, now } = useFrame(store, () => clock, signature);
      renders++;
      return createElement(Text, null, freshness(state, now));
    }
    const ui = renderSized(createElement(Probe), 60, 5);
    try {
      await ui.waitFor((f) => f.includes('refreshed every 2s'), 'first frame');
      const settle = async (): Promise<void> => {
        for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      };
      await settle();
      const first = renders;
      for (let i = 1; i <= 3; i++) {
        clock = after(i * 1000);
        mock.timers.tick(1000);
        await settle();
      }
      assert.equal(renders, first, 'three ticks with nothing new on screen: no render');
      store.dispatch({ type: 'pods', at: after(3000), rows });
      await settle();
      assert.equal(renders, first, 'a refresh with the same rows: no render');
      store.dispatch({ type: 'failed', failure: forbidden });
      await ui.waitFor((f) => f.includes('STALE: last good refresh 0s ago'), 'stale rows are drawn');
      const stale = renders;
      clock = after(4000);
      mock.timers.tick(1000);
      await ui.waitFor((f) => f.includes('STALE: last good refresh 1s ago'), 'the stale age counts');
      assert.ok(renders > stale);
    } finally {
      ui.unmount();
    }
  } finally {
    mock.timers.reset();
  }
});

test('FrameGate: a change of the slow part alone waits until 2 s after the last frame; with another change it is drawn at once', () => {
  const gate = new FrameGate<{ rows: string; count: number }>(
    (s) => [s.rows],
    (s) => [s.count],
  );
  assert.equal(gate.offer({ rows: 'a', count: 10 }, t0), true);
  assert.equal(gate.offer({ rows: 'a', count: 9 }, after(500)), false, 'the count alone, 0.5 s after a frame');
  assert.equal(gate.offer({ rows: 'a', count: 10 }, after(1500)), false, 'back as it was');
  assert.equal(gate.offer({ rows: 'a', count: 11 }, after(2000)), true, '2 s after the last frame');
  assert.equal(gate.offer({ rows: 'b', count: 12 }, after(2100)), true, 'a row changed: drawn, count and all');
  assert.equal(gate.offer({ rows: 'b', count: 12 }, after(5000)), false);
});
