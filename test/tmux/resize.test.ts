/**
 * Issue 10 item 8: shrinking the window never leaves a garbled line. At 120×40 → 120×8 the
 * table's empty line and its column titles were drawn over each other
 * ("no pods to show (see below)STARTS   AGE   IP …") and stayed through refreshes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/sim/index.js';
import { kpodsBin } from '../helpers/run-kpods.js';
import { startTmux } from '../helpers/tmux.js';
import { requireTool } from '../helpers/tools.js';

/** Lines that are two of kpods' lines drawn into one. */
function garbled(screen: string): string[] {
  return screen
    .split('\n')
    .filter((l) => /see below\)\S/.test(l) || /\S\s*(NAME|NAMESPACE)↓?\s+READY/.test(l.replace(/^\s*(NAMESPACE\s+)?/, '')));
}

test('resizing repaints cleanly: 120×40 → 120×8 → 80×12 → 120×40, with the failure pane and with rows', async (t) => {
  if (!requireTool(t, 'tmux', 'the real-terminal tests of kpods')) return;
  const sim = await startSimulator({ pods: 30 });
  const home = mkdtempSync(join(tmpdir(), 'kpods-tmux-resize-'));
  // developer: a 403 in "default", so the table is empty and the pane explains it.
  const tmux = startTmux(
    [process.execPath, kpodsBin, '--kubeconfig', sim.kubeconfigPath, '--context', 'developer', '--interval', '500ms'],
    { HOME: home },
    120,
    40,
  );
  t.after(async () => {
    tmux.kill();
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });
  await tmux.waitFor((x) => x.includes('why no pods') && x.includes('no pods to show'), 'the 403 explained at 120×40');
  for (const [c, r] of [
    [120, 8],
    [80, 12],
    [120, 40],
    [100, 9],
  ] as const) {
    tmux.resize(c, r);
    // Two refreshes later (the header's "updated"/"no data" line is redrawn every 500 ms) the screen must still be clean.
    const s = await tmux.waitFor(
      (x) => x.trimEnd().split('\n').length <= r - 1 && x.includes('ctx: developer') && x.includes('why no pods'),
      `repainted at ${c}×${r}`,
    );
    assert.deepEqual(garbled(s), [], `garbled at ${c}×${r}:\n${s}`);
    const lines = s.split('\n').filter((l) => l.trim() !== '');
    assert.ok(lines.length <= r - 1, `at most ${r - 1} lines at ${c}×${r}:\n${s}`);
    assert.ok(lines.every((l) => l.length <= c));
  }
  // And with rows: the namespace where developer may list pods.
  tmux.send('n');
  await tmux.waitFor((x) => x.includes('Namespaces') && x.includes('shop'), 'namespace picker');
  tmux.send('/shop', true);
  tmux.send('Enter');
  await tmux.waitFor((x) => x.includes('ns: shop') && x.includes('Running'), 'rows in shop');
  tmux.resize(120, 7);
  const s = await tmux.waitFor((x) => x.includes('ns: shop') && x.includes('Running'), 'rows at 120×7');
  assert.deepEqual(garbled(s), [], s);
});
