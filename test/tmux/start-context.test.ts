/**
 * Issue 10 item 11: `kpods --context nope` opens on the explanation with the context picker
 * open, not on an "all namespaces" table with a NAMESPACE column and a blank user.
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

test('kpods --context nope: the context picker opens over the explanation; choosing one works', async (t) => {
  if (!requireTool(t, 'tmux', 'the real-terminal tests of kpods')) return;
  const sim = await startSimulator({ pods: 20 });
  const home = mkdtempSync(join(tmpdir(), 'kpods-tmux-nope-'));
  const tmux = startTmux(
    [process.execPath, kpodsBin, '--kubeconfig', sim.kubeconfigPath, '--context', 'nope', '--interval', '500ms'],
    { HOME: home },
    120,
    24,
  );
  t.after(async () => {
    tmux.kill();
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });
  let s = await tmux.waitFor((x) => x.includes('Choose one') && x.includes('viewer-basic'), 'the context picker is open');
  assert.match(s, /Context "nope" named by --context is not defined/, 'the picker says why it opened');
  assert.doesNotMatch(s, /ns: all/);
  tmux.send('Escape');
  s = await tmux.waitFor((x) => x.includes('why no pods') && !x.includes('Choose one'), 'the explanation under the picker');
  assert.doesNotMatch(s, /ns: all/);
  assert.doesNotMatch(s, /NAMESPACE/);
  assert.match(s, /ns: -/);
  assert.match(s, /user: -/);
  tmux.send('c');
  await tmux.waitFor((x) => x.includes('Contexts') && x.includes('viewer-basic'), 'the picker again');
  tmux.send('/admin', true);
  tmux.send('Enter');
  await tmux.waitFor((x) => x.includes('ctx: admin') && x.includes('Running'), 'rows after choosing admin');
});
