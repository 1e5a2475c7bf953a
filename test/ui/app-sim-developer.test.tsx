/**
 * A namespace-scoped developer who starts kpods in a namespace they may not read: with no
 * other context to learn from, the 403 pane and the namespace picker still find "shop"
 * (from the cluster-wide rule that names it), and choosing it shows rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';

test('developer started in a forbidden namespace: the pane and the picker offer "shop"', async (t) => {
  const { ui } = await startAppOnSim(t, {
    sim: { pods: 40 },
    feed: { intervalMs: 200, watch: false },
    selection: { context: 'developer' },
  });
  const f = await ui.waitFor((x) => x.includes('[authorization ✗]') && x.includes('You may list pods in: shop'), '403 names shop', 20_000);
  assert.match(f, /not allowed to list pods in namespace "default"/);
  await ui.press('n', (x) => x.includes('Namespaces') && /^\s*shop\b/m.test(x), 'the picker offers shop', 20_000);
  await ui.press('/shop', (x) => x.includes('filter: shop'), 'typed');
  await ui.press(
    KEYS.enter,
    (x) => x.includes('ns: shop') && x.includes('Running') && !x.includes('[authorization ✗]'),
    'rows in shop',
    20_000,
  );
});
