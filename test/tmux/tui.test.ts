/** The real binary in a real terminal (tmux): rows, context switch by keys, help, quit restores the screen. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/sim/index.js';
import { kpodsBin } from '../helpers/run-kpods.js';
import { startTmux } from '../helpers/tmux.js';
import { requireTool } from '../helpers/tools.js';

const ROWS = 24;

test('kpods in tmux: rows, context switch, help, quit leaves a clean terminal', async (t) => {
  if (!requireTool(t, 'tmux', 'the real-terminal tests of kpods')) return;
  const sim = await startSimulator({ pods: 40 });
  const home = mkdtempSync(join(tmpdir(), 'kpods-tmux-home-'));
  const tmux = startTmux(
    [process.execPath, kpodsBin, '--kubeconfig', sim.kubeconfigPath, '--interval', '500ms'],
    { HOME: home },
    120,
    ROWS,
  );
  t.after(async () => {
    tmux.kill();
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });

  // The simulator serves metrics: the usage columns come before kubectl's wide ones (IP, NODE) when room is short.
  let s = await tmux.waitFor(
    (x) => x.includes('ctx: admin') && x.includes('Running') && x.includes('NAME') && x.includes('%MEM/L'),
    'rows visible, with usage',
  );
  const lines = s.split('\n');
  assert.equal(lines[ROWS - 1]?.trim() ?? '', '', 'the frame leaves the last terminal row free (no full-height redraw)');
  assert.match(s, /c contexts/);
  assert.match(s, /NAME↓\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+CPU\s+MEM\s/);
  tmux.resize(70, ROWS);
  s = await tmux.waitFor((x) => /NAME↓\s+READY\s+STATUS\s+RESTARTS\s+AGE\s*$/m.test(x), 'resized live: wide columns dropped');
  assert.ok(s.split('\n').every((l) => l.length <= 70));

  tmux.send('c');
  await tmux.waitFor((x) => x.includes('Contexts') && x.includes('viewer-basic'), 'context picker');
  tmux.send('/viewer', true);
  await tmux.waitFor((x) => x.includes('filter: viewer'), 'picker filter');
  tmux.send('Enter');
  s = await tmux.waitFor(
    (x) => x.includes('ctx: viewer-basic') && x.includes('you are: ops') && x.includes('Running'),
    'switched context by keys',
  );
  assert.match(s, /user: ops/);

  tmux.send('?');
  await tmux.waitFor((x) => x.includes('Keys (Esc or ? to go back)') && x.includes('namespaces'), 'help screen');
  tmux.send('Escape');
  await tmux.waitFor((x) => x.includes('ctx: viewer-basic') && x.includes('NAME') && !x.includes('Keys (Esc'), 'back to the table');

  tmux.send('q');
  s = await tmux.waitFor((x) => x.includes('[exited 0]'), 'kpods exits');
  assert.doesNotMatch(s, /ctx: viewer-basic|NAME↓?\s+READY/, 'the alternate screen is gone: no kpods frame left behind');
});

test('kpods in tmux with no kubeconfig: explains where it looked and offers the demo', async (t) => {
  if (!requireTool(t, 'tmux', 'the real-terminal tests of kpods')) return;
  const home = mkdtempSync(join(tmpdir(), 'kpods-tmux-empty-'));
  const tmux = startTmux([process.execPath, kpodsBin], { HOME: home }, 100, ROWS);
  t.after(() => {
    tmux.kill();
    rmSync(home, { recursive: true, force: true });
  });
  const s = await tmux.waitFor((x) => x.includes('Press d') && x.includes('demo'), 'no-kubeconfig screen');
  assert.match(
    s,
    new RegExp(
      join(home, '.kube', 'config')
        .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
        .slice(0, 40),
    ),
  );
  // The footer offers only the keys that work here (it used to show c u n / r e s).
  assert.match(s, /d demo {2}\? help {2}q quit/);
  assert.doesNotMatch(s, /c contexts|r refresh|s save/);
  tmux.send('c');
  tmux.send('?');
  await tmux.waitFor((x) => x.includes('Keys (Esc or ? to go back)') && x.includes('No kubeconfig'), 'help for this screen');
  tmux.send('Escape');
  await tmux.waitFor((x) => x.includes('Press d') && !x.includes('Keys (Esc'), 'back on the no-kubeconfig screen');
  tmux.send('C-c');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'Ctrl-C quits');
});
