/**
 * A namespace-scoped developer who starts kpods in a namespace they may not read: with no
 * other context to learn from, the 403 pane and the namespace picker still find "shop"
 * (from the cluster-wide rule that names it), and choosing it shows rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/sim/index.js';
import { App } from '../../src/ui/App.js';
import { Controller } from '../../src/ui/controller.js';
import { kubeDeps } from '../../src/ui/kube-deps.js';
import { createStore } from '../../src/ui/store.js';
import { KEYS, renderSized } from '../helpers/ink.js';

test('developer started in a forbidden namespace: the pane and the picker offer "shop"', async (t) => {
  const sim = await startSimulator({ pods: 40 });
  const home = mkdtempSync(join(tmpdir(), 'kpods-ui-dev-'));
  t.after(async () => {
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });
  const host = { env: {}, home, cwd: home, now: () => new Date() };
  const deps = kubeDeps({ host, explicitPath: sim.kubeconfigPath, overrides: {} });
  const store = createStore();
  const controller = new Controller(store, deps, { intervalMs: 200, watch: false }, { context: 'developer' });
  const ui = renderSized(<App store={store} controller={controller} color={false} now={host.now} onQuit={() => undefined} />, 120, 30);
  t.after(async () => {
    ui.unmount();
    await controller.stop();
  });
  controller.start();

  const f = await ui.waitFor((x) => x.includes('[authorization ✗]') && x.includes('You may list pods in: shop'), '403 names shop', 20_000);
  assert.match(f, /not allowed to list pods in namespace "default"/);
  await ui.press('n', (x) => x.includes('Namespaces') && /^\s*shop\b/m.test(x), 'the picker offers shop', 20_000);
  await ui.press('/shop', (x) => x.includes('filter: shop'), 'typed');
  await ui.press(KEYS.enter, (x) => x.includes('ns: shop') && x.includes('Running') && !x.includes('[authorization ✗]'), 'rows in shop', 20_000);
});
