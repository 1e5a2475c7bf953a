/** `kpods demo` opens the UI on the simulated cluster; `d` on the no-kubeconfig screen does the same. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpodsBin } from '../helpers/run-kpods.js';
import { startTmux } from '../helpers/tmux.js';
import { requireTool } from '../helpers/tools.js';
import { until } from '../helpers/until.js';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

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
    // The shell records kpods' pid and sends its stderr to a file, then becomes kpods (exec).
    const pidFile = join(home, 'pid');
    const errFile = join(home, 'stderr');
    const script = `echo $$ > ${pidFile}; exec "$0" "$@" 2> ${errFile}`;
    const tmux = startTmux(['sh', '-c', script, process.execPath, kpodsBin, 'demo', '--pods', '30'], { HOME: home, TMPDIR: tmp }, 120, 30);
    t.after(() => {
      tmux.kill();
      rmSync(home, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    });
    await tmux.waitFor((x) => x.includes('ctx: admin') && x.includes('Running'), 'the demo cluster in the UI', 30_000);
    assert.equal(readdirSync(tmp).filter((n) => n.startsWith('kpods-sim-')).length, 1, 'the simulator keeps its files in TMPDIR');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (how === 'q') tmux.send('q');
    else tmux.kill();
    await waitForNoSimFolder(tmp);
    await until(() => !isRunning(pid), 'kpods to exit');
    // Node 20 aborts at exit when it cannot restore a terminal that is gone ("Assertion failed" in ResetStdio).
    const stderr = readFileSync(errFile, 'utf8');
    assert.doesNotMatch(stderr, /Assertion failed|Native stack trace|Error/, stderr);
  });
}
