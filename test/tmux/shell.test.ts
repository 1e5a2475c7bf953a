/**
 * The real binary in tmux: `s` on a running pod opens the simulator's shell over the exec
 * WebSocket, `echo hi` prints hi, `exit 3` returns to kpods with the exit status shown, and the
 * terminal is kpods' again (the table drawn, keys work).
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

const POD = 'frontend-5c7f8d9b64-b2d4f';

test('kpods in tmux: s opens a shell, echo hi prints hi, exit 3 returns with the status shown and the terminal restored', async (t) => {
  if (!requireTool(t, 'tmux', 'the real-terminal tests of kpods')) return;
  const sim = await startSimulator({ pods: 0, troubled: true });
  const home = mkdtempSync(join(tmpdir(), 'kpods-tmux-shell-'));
  const tmux = startTmux([process.execPath, kpodsBin, '--kubeconfig', sim.kubeconfigPath, '-n', 'troubled'], { HOME: home }, 120, 30);
  t.after(async () => {
    tmux.kill();
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });

  let s = await tmux.waitFor((x) => x.includes(POD) && x.includes('s shell'), 'rows and the shell key');
  await moveCursorTo(tmux, POD);

  tmux.send('s');
  s = await tmux.waitFor((x) => /^\/ #\s*$/m.test(x), 'the shell prompt');
  assert.match(s, /kpods: \/bin\/sh in troubled\/frontend-5c7f8d9b64-b2d4f, container frontend/);
  assert.doesNotMatch(s, /RESTARTS/, 'kpods has handed the terminal over');
  tmux.send('echo hi', true);
  tmux.send('Enter');
  s = await tmux.waitFor((x) => /^hi\s*$/m.test(x), 'hi printed');
  tmux.send('exit 3', true);
  tmux.send('Enter');
  s = await tmux.waitFor((x) => x.includes('RESTARTS') && /exited with status 3/.test(x), 'back in kpods with the exit status');
  assert.ok(!s.includes('/ # '), 'the shell session is gone from the screen');

  // The terminal is kpods' again: keys move the cursor and open help.
  tmux.send('j');
  await tmux.waitFor(() => cursorRow(tmux) !== POD && cursorRow(tmux) !== undefined, 'j moves the cursor');
  tmux.send('?');
  await tmux.waitFor((x) => x.includes('Keys (Esc or ? to go back)'), 'help opens');
  tmux.send('Escape');
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'quit');
});
