/**
 * Issue 10 item 14: the browser accepts `-l SELECTOR` (the server-side selector the table starts
 * with, shown by `/` and cleared by Esc) and `-o wide` (kubectl's wide columns before the usage
 * columns), as `kpods list` does.
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

test('kpods -A -l tier=system -o wide: only the selected pods, the wide columns first; Esc drops the selector', async (t) => {
  if (!requireTool(t, 'tmux', 'the real-terminal tests of kpods')) return;
  const sim = await startSimulator({ pods: 40 });
  const home = mkdtempSync(join(tmpdir(), 'kpods-tmux-flags-'));
  const tmux = startTmux(
    [process.execPath, kpodsBin, '--kubeconfig', sim.kubeconfigPath, '-A', '-l', 'tier=system', '-o', 'wide', '--interval', '500ms'],
    { HOME: home },
    120,
    30,
  );
  t.after(async () => {
    tmux.kill();
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });
  let s = await tmux.waitFor((x) => x.includes('Running') && x.includes('match'), 'rows with the selector');
  const rows = s.split('\n').filter((l) => /\sRunning\s|\sPending\s|\sCompleted\s/.test(l));
  assert.ok(rows.length > 0);
  assert.ok(
    rows.every((l) => l.startsWith('kube-system')),
    `only tier=system pods (kube-system):\n${s}`,
  );
  // The simulator serves metrics, but -o wide puts IP and NODE first (without it, CPU and MEM come first at 120 columns).
  assert.match(s, /NAMESPACE\s+NAME↓\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);
  tmux.send('/');
  await tmux.waitFor((x) => x.includes('/-l tier=system▏'), 'the selector in the filter line');
  tmux.send('Escape');
  s = await tmux.waitFor(
    (x) => !x.includes('match') && x.split('\n').some((l) => /\sRunning\s/.test(l) && !l.startsWith('kube-system')),
    'the selector dropped: other namespaces again',
  );
});

test('kpods -o json is refused by the browser with a pointer to kpods list', async (t) => {
  // In-process (CommandIo): the flag check comes before the terminal check.
  const { runCommand } = await import('../helpers/run-command.js');
  const r = await runCommand(['-o', 'json'], { env: { HOME: '/nonexistent' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /-o wide only/);
  t.diagnostic('exit 2');
});
