/** The real binary in tmux: open a pod's log, new lines appear while following, p shows a crash-looping pod's previous log, Esc returns to the same row. */
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

test('kpods in tmux: l opens the log, lines arrive, p shows the previous log, Esc returns to the same row', async (t) => {
  if (!requireTool(t, 'tmux', 'the real-terminal tests of the log view')) return;
  const sim = await startSimulator({ pods: 40 });
  const home = mkdtempSync(join(tmpdir(), 'kpods-tmux-home-'));
  const crash = [...sim.cluster.iterate('default')].find((v) => v.seed?.state === 'crashloop')!.key.split('/')[1]!;
  const tmux = startTmux(
    [process.execPath, kpodsBin, '--kubeconfig', sim.kubeconfigPath, '-n', 'default', '--interval', '1s'],
    { HOME: home },
    120,
    ROWS,
  );
  t.after(async () => {
    tmux.kill();
    await sim.close();
    rmSync(home, { recursive: true, force: true });
  });
  await tmux.waitFor((x) => x.includes(crash), 'rows visible');
  tmux.send(`/${crash}`, true);
  tmux.send('Enter');
  await tmux.waitFor((x) => x.includes(crash) && x.includes('CrashLoopBackOff'), 'filtered to the crash-looping pod');
  tmux.send('l');
  let s = await tmux.waitFor(
    (x) => x.includes(`Logs default/${crash}`) && x.includes('"level":"fatal"'),
    'its log ends with the error',
    20_000,
  );
  tmux.send('p');
  s = await tmux.waitFor((x) => x.includes('(previous)') && x.includes('"level":"fatal"'), 'the previous log', 20_000);
  // A frame taller than the terminal would scroll the header off the top.
  assert.match(s.split('\n')[0] ?? '', /^kpods {2}ctx: /);
  tmux.send('Escape');
  await tmux.waitFor((x) => x.includes('NAME') && x.includes(crash) && !x.includes('Logs '), 'back to the table on the same pod');
  // A following log of the fast pod: new lines appear.
  // With the filter cleared, the cursor is still on that pod: l opens its log again.
  tmux.send('Escape');
  await tmux.waitFor((x) => x.includes('NAME') && !x.includes('match "'), 'the whole table');
  tmux.send('l');
  await tmux.waitFor((x) => x.includes(`Logs default/${crash}`), 'the same pod', 20_000);
  tmux.send('Escape');
  await tmux.waitFor((x) => x.includes('NAME') && !x.includes('Logs '), 'back to the table');
  const fast = sim.logs.fastPod!.split('/')[1]!;
  tmux.send(`/${fast}`, true);
  tmux.send('Enter');
  await tmux.waitFor((x) => x.includes(fast) && !x.includes(crash), 'filtered to the fast pod');
  tmux.send('l');
  const lastLine = (x: string) =>
    x
      .split('\n')
      .filter((l) => /HTTP\/1\.1/.test(l))
      .at(-1);
  s = await tmux.waitFor((x) => x.includes('following') && lastLine(x) !== undefined, 'following', 20_000);
  const before = lastLine(s);
  await tmux.waitFor((x) => lastLine(x) !== before, 'a new line appears');
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'kpods exits');
});
