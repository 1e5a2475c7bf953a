/**
 * Issue 10 item 2: a label selector the server rejects (`-l app in (web`) is not silently
 * ignored: the footer says the server refused it, where, and what to write instead (kpods' own
 * words, never the server's sentence alone), and the previous filter stays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';

test('a bad -l in the / filter says the server refused it (where, and what to write) and keeps the previous filter', async (t) => {
  const { store, ui } = await startAppOnSim(t, {
    sim: { pods: 40 },
    feed: { intervalMs: 500, watch: false },
    selection: { context: 'admin', namespace: null },
  });
  await ui.waitFor((x) => x.includes('Running') && x.includes('NAMESPACE'), 'rows', 30_000);
  const all = store.getState().table.rows.size;

  // A good selector first: the server filters (only kube-system's pods have tier=system).
  await ui.press('/-l tier=system\r', (x) => !x.includes('/-l'), 'filter applied');
  await ui.waitFor(() => {
    const tb = store.getState().table;
    return tb.hasData && tb.rows.size > 0 && tb.rows.size < all && [...tb.rows.values()].every((r) => r.namespace === 'kube-system');
  }, 'only tier=system pods');
  const filtered = store.getState().table.rows.size;

  // Then a selector the server cannot parse: `/` opens with the filter as it is; erase it, type the bad one.
  const draft = '-l tier=system';
  await ui.press('/', (x) => x.includes(`/${draft}▏`), 'filter open with the current filter');
  await ui.press(KEYS.backspace.repeat(draft.length), (x) => x.includes('/▏'), 'draft erased');
  const shown = await ui.press('-l app in (web\r', (x) => x.includes('server refused -l'), 'the explanation in the footer');
  assert.match(shown, /filter kept: server refused -l \(HTTP 400\) at "app in \(web" → use key=v, key!=v, key in \(a,b\)/);
  assert.doesNotMatch(shown, /unable to parse requirement/, "the server's sentence is not shown alone");
  // The previous filter (tier=system) stays: the same rows, the filter text as it was.
  const tb = store.getState().table;
  assert.equal(tb.filter, '-l tier=system');
  assert.equal(tb.rows.size, filtered);
  assert.ok([...tb.rows.values()].every((r) => r.namespace === 'kube-system'));
  assert.match(shown, new RegExp(`${filtered}/${filtered} match`), 'the count of the kept filter, not of an unfiltered table');
  assert.match(shown, /key notin \(a,b\), key, !key$/m, 'the whole explanation fits 120 columns');
});
