/** The usage columns in a real terminal (tmux): shown from metrics-server, sorted by C, given up in priority order when narrow. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/sim/index.js';
import { kpodsBin } from '../helpers/run-kpods.js';
import { startTmux } from '../helpers/tmux.js';
import { requireTool } from '../helpers/tools.js';

const headerOf = (screen: string): string => screen.split('\n').find((l) => /^\s*NAME[↓↑]?\s+READY/.test(l)) ?? '';

test('kpods in tmux: CPU and MEM columns with the shares, C sorts, narrow terminals keep CPU and MEM', async (t) => {
  if (!requireTool(t, 'tmux', 'the real-terminal test of the usage columns')) return;
  const sim = await startSimulator({ pods: 60 });
  const home = mkdtempSync(join(tmpdir(), 'kpods-tmux-usage-'));
  const tmux = startTmux(
    [process.execPath, kpodsBin, '--kubeconfig', sim.kubeconfigPath, '-n', 'shop', '--interval', '500ms'],
    { HOME: home },
    150,
    24,
  );
  t.after(async () => {
    tmux.kill();
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });

  let s = await tmux.waitFor((x) => headerOf(x).includes('%MEM/L') && /\d+m\s+\d+Mi\s/.test(x), 'usage columns with values');
  assert.match(headerOf(s), /AGE\s+CPU\s+MEM\s+%CPU\/R\s+%CPU\/L\s+%MEM\/R\s+%MEM\/L/);
  tmux.send('C');
  s = await tmux.waitFor((x) => headerOf(x).includes('CPU↓'), 'sorted by CPU');
  tmux.resize(100, 24);
  s = await tmux.waitFor(
    (x) => !headerOf(x).includes('%CPU/R') && headerOf(x).includes('CPU↓'),
    'narrower: the share of the CPU request goes first',
  );
  assert.match(headerOf(s), /CPU↓\s+MEM/);
  assert.ok(s.split('\n').every((l) => l.length <= 100));
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'kpods exits');
});
