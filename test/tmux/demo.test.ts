/** `kpods demo` opens the UI on the simulated cluster; `d` on the no-kubeconfig screen does the same. */
import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpodsBin } from '../helpers/run-kpods.js';
import { startTmux, tmuxAvailable } from '../helpers/tmux.js';

test('kpods demo opens the interactive UI on the demo cluster; q quits and stops it', async (t) => {
  if (!tmuxAvailable()) {
    console.error('\n*** tmux not found: SKIPPING the kpods demo terminal test ***\n');
    return t.skip('tmux not found');
  }
  const home = mkdtempSync(join(tmpdir(), 'kpods-demo-'));
  const tmux = startTmux([process.execPath, kpodsBin, 'demo'], { HOME: home }, 120, 30);
  t.after(() => {
    tmux.kill();
    rmSync(home, { recursive: true, force: true });
  });
  await tmux.waitFor((x) => x.includes('ctx: admin') && x.includes('Running') && x.includes('https://127.0.0.1:'), 'the demo cluster in the UI', 30_000);
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'quit');
});

test('no kubeconfig: d opens the demo from the explanation screen', async (t) => {
  if (!tmuxAvailable()) return t.skip('tmux not found');
  const home = mkdtempSync(join(tmpdir(), 'kpods-demo-d-'));
  const tmux = startTmux([process.execPath, kpodsBin], { HOME: home }, 120, 30);
  t.after(() => {
    tmux.kill();
    rmSync(home, { recursive: true, force: true });
  });
  await tmux.waitFor((x) => x.includes('Press d'), 'offer');
  tmux.send('d');
  await tmux.waitFor((x) => x.includes('ctx: admin') && x.includes('Running'), 'the demo cluster in the UI', 30_000);
  tmux.send('j');
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'quit');
});
