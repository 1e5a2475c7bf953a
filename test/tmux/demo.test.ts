/** `kpods demo` opens the UI on the simulated cluster; `d` on the no-kubeconfig screen does the same. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpodsBin } from '../helpers/run-kpods.js';
import { startTmux } from '../helpers/tmux.js';
import { requireTool } from '../helpers/tools.js';

test('kpods demo opens the interactive UI on the demo cluster; q quits and stops it', async (t) => {
  if (!requireTool(t, 'tmux', 'the kpods demo terminal tests')) return;
  const home = mkdtempSync(join(tmpdir(), 'kpods-demo-'));
  const tmux = startTmux([process.execPath, kpodsBin, 'demo'], { HOME: home }, 120, 30);
  t.after(() => {
    tmux.kill();
    rmSync(home, { recursive: true, force: true });
  });
  await tmux.waitFor(
    (x) => x.includes('ctx: admin') && x.includes('Running') && x.includes('https://127.0.0.1:'),
    'the demo cluster in the UI',
    30_000,
  );
  // Issue 10 item 14: the context picker describes each scenario, as `kpods demo --serve` prints it.
  tmux.send('c');
  await tmux.waitFor(
    (x) => x.includes('Contexts') && x.includes('full access with a client certificate') && x.includes('every request is refused with 429'),
    'the scenario descriptions in the context picker',
  );
  tmux.send('Escape');
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'quit');
});

test('no kubeconfig: d opens the demo from the explanation screen', async (t) => {
  if (!requireTool(t, 'tmux', 'the kpods demo terminal tests')) return;
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

/** Polls until `dir` holds no simulator folder; rejects with what is left after the deadline. */
function waitForNoSimFolder(dir: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      const left = readdirSync(dir).filter((n) => n.startsWith('kpods-sim-'));
      if (left.length === 0) resolve();
      else if (Date.now() > deadline) reject(new Error(`simulator folder left behind: ${left.join(', ')}`));
      else setTimeout(tick, 100);
    };
    tick();
  });
}

for (const how of ['q', 'terminal closed (SIGHUP)'] as const) {
  test(`kpods demo leaves no temporary folder behind: ${how}`, async (t) => {
    if (!requireTool(t, 'tmux', 'the kpods demo terminal tests')) return;
    const home = mkdtempSync(join(tmpdir(), 'kpods-demo-clean-'));
    const tmp = mkdtempSync(join(tmpdir(), 'kpods-demo-tmp-'));
    const tmux = startTmux([process.execPath, kpodsBin, 'demo', '--pods', '30'], { HOME: home, TMPDIR: tmp }, 120, 30);
    t.after(() => {
      tmux.kill();
      rmSync(home, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    });
    await tmux.waitFor((x) => x.includes('ctx: admin') && x.includes('Running'), 'the demo cluster in the UI', 30_000);
    assert.equal(readdirSync(tmp).filter((n) => n.startsWith('kpods-sim-')).length, 1, 'the simulator keeps its files in TMPDIR');
    if (how === 'q') tmux.send('q');
    else tmux.kill();
    await waitForNoSimFolder(tmp);
  });
}
