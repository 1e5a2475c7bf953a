/**
 * The real binary in tmux on the demo's `troubled` namespace: the status line names the selected
 * pod's top finding, Enter on a crash-looping pod opens its detail (the diagnosis, the exit code,
 * the events), `y` shows the YAML, and Esc returns to the table with the cursor on the same row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/sim/index.js';
import { kpodsBin } from '../helpers/run-kpods.js';
import { cursorRow, moveCursorTo, startTmux } from '../helpers/tmux.js';
import { requireTool } from '../helpers/tools.js';

const POD = 'orders-7f9c6d8b5-k2x7p';

test('kpods in tmux: Enter on a crash-looping pod shows the exit code and the events, y the YAML, Esc the same row', async (t) => {
  if (!requireTool(t, 'tmux', 'the real-terminal tests of kpods')) return;
  const sim = await startSimulator({ pods: 0, troubled: true });
  const home = mkdtempSync(join(tmpdir(), 'kpods-tmux-detail-'));
  const tmux = startTmux([process.execPath, kpodsBin, '--kubeconfig', sim.kubeconfigPath, '-n', 'troubled'], { HOME: home }, 140, 40);
  t.after(async () => {
    tmux.kill();
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });

  let s = await tmux.waitFor((x) => x.includes(POD) && x.includes('CrashLoopBackOff'), 'troubled rows');
  await moveCursorTo(tmux, POD);
  s = await tmux.waitFor((x) => /^pod\.crash-loop · Container orders keeps crashing: exit code 1/m.test(x), 'its finding under the table');

  tmux.send('Enter');
  s = await tmux.waitFor((x) => x.includes('[pod.crash-loop]') && x.includes('Controlled By'), 'the detail screen with its diagnosis');
  assert.match(s, /Container orders keeps crashing: exit code 1/);
  tmux.send('2');
  s = await tmux.waitFor((x) => /Exit Code: +1/.test(x), 'the exit code in the containers section');
  assert.match(s, /Last State: +Terminated/);
  tmux.send('4');
  s = await tmux.waitFor((x) => x.includes('Back-off restarting'), 'the events');
  assert.match(s, /Warning +BackOff +\S+ \(x\d+ over \d+m\) +kubelet/);
  tmux.send('y');
  s = await tmux.waitFor((x) => x.includes('apiVersion: v1') && x.includes('kind: Pod'), 'the YAML');
  assert.match(s, new RegExp(`name: ${POD}`));
  assert.doesNotMatch(s, /managedFields/);

  tmux.send('Escape');
  s = await tmux.waitFor((x) => x.includes('RESTARTS') && !x.includes('kind: Pod'), 'back to the table');
  await tmux.waitFor(() => cursorRow(tmux) === POD, 'the cursor on the same row');
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'quit');
});
