/** In a real terminal: the demo's context picker shows each scenario context's check result. */
import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpodsBin } from '../helpers/run-kpods.js';
import { startTmux } from '../helpers/tmux.js';
import { requireTool } from '../helpers/tools.js';

test('kpods demo: the context picker shows results for the demo contexts; q quits with nothing left running', async (t) => {
  if (!requireTool(t, 'tmux', 'the context picker terminal test')) return;
  const home = mkdtempSync(join(tmpdir(), 'kpods-health-'));
  const tmux = startTmux([process.execPath, kpodsBin, 'demo'], { HOME: home }, 200, 40);
  t.after(() => {
    tmux.kill();
    rmSync(home, { recursive: true, force: true });
  });
  await tmux.waitFor((x) => x.includes('ctx: admin') && x.includes('Running'), 'the demo cluster in the UI', 30_000);
  tmux.send('c');
  await tmux.waitFor(
    (x) =>
      /admin .*ok · \d+ pods · kpods-admin/.test(x) &&
      /expired-token .*authentication\.unauthorized/.test(x) &&
      /wrong-ca .*connection\.tls-unknown-authority/.test(x) &&
      /developer .*authorization\.forbidden/.test(x) &&
      /exec-ok .*ok · \d+ pods · exec-user@example\.com/.test(x),
    'results for the demo contexts',
    40_000,
  );
  tmux.send('Escape');
  await tmux.waitFor((x) => /context checked ok/.test(x), 'header: the current context checked fine');
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'quit');
});
