/**
 * `kpods demo` opens the UI on the simulated cluster (its context picker describes and checks each
 * scenario); `d` on the no-kubeconfig screen does the same; it leaves nothing behind.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
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

const simFolders = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('kpods-sim-'));

/** Polls until `dir` holds no simulator folder; rejects with what is left after the deadline. */
function waitForNoSimFolder(dir: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      const left = simFolders(dir);
      if (left.length === 0) resolve();
      else if (Date.now() > deadline) reject(new Error(`simulator folder left behind: ${left.join(', ')}`));
      else setTimeout(tick, 100);
    };
    tick();
  });
}

/**
 * `kpods demo` in tmux with its own TMPDIR, its pid and stderr kept (the shell records the pid,
 * sends stderr to a file, then becomes kpods); everything is removed after the test.
 */
function startDemo(t: TestContext, args: string[], columns = 120, rows = 30) {
  const home = mkdtempSync(join(tmpdir(), 'kpods-demo-clean-'));
  const tmp = mkdtempSync(join(tmpdir(), 'kpods-demo-tmp-'));
  const pidFile = join(home, 'pid');
  const errFile = join(home, 'stderr');
  const script = `echo $$ > ${pidFile}; exec "$0" "$@" 2> ${errFile}`;
  const tmux = startTmux(['sh', '-c', script, process.execPath, kpodsBin, 'demo', ...args], { HOME: home, TMPDIR: tmp }, columns, rows);
  t.after(() => {
    tmux.kill();
    rmSync(home, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });
  return {
    tmux,
    tmp,
    pidFile,
    pid: () => Number(readFileSync(pidFile, 'utf8')),
    stderr: () => readFileSync(errFile, 'utf8'),
  };
}

/** After kpods was told to end: no simulator folder, no process, no abort at exit. */
async function endedCleanly(demo: ReturnType<typeof startDemo>, pid: number): Promise<void> {
  await waitForNoSimFolder(demo.tmp);
  await until(() => !isRunning(pid), 'kpods to exit');
  // Node 20 aborts at exit when it cannot restore a terminal that is gone ("Assertion failed" in ResetStdio).
  assert.doesNotMatch(demo.stderr(), /Assertion failed|Native stack trace|Error/, demo.stderr());
}

test('kpods demo opens the interactive UI on the demo cluster, the context picker checks each scenario; q quits, stops it and leaves no temporary folder', async (t) => {
  if (!requireTool(t, 'tmux', 'the kpods demo terminal tests')) return;
  const demo = startDemo(t, [], 200, 40);
  const { tmux } = demo;
  await tmux.waitFor(
    (x) => x.includes('ctx: admin') && x.includes('Running') && x.includes('https://127.0.0.1:'),
    'the demo cluster in the UI',
    30_000,
  );
  assert.equal(readdirSync(demo.tmp).filter((n) => n.startsWith('kpods-sim-')).length, 1, 'the simulator keeps its files in TMPDIR');
  const pid = demo.pid();
  // The context picker describes each scenario, as `kpods demo --serve` prints it, and checks it.
  tmux.send('c');
  await tmux.waitFor(
    (x) => x.includes('Contexts') && x.includes('full access with a client certificate') && x.includes('every request is refused with 429'),
    'the scenario descriptions in the context picker',
  );
  const expected: Record<string, RegExp> = {
    admin: /ok · \d+ pods · kpods-admin/,
    'expired-token': /authentication\.unauthorized/,
    'wrong-ca': /connection\.tls-unknown-authority/,
    developer: /authorization\.forbidden/,
    'exec-ok': /ok · \d+ pods · exec-user@example\.com/,
  };
  const lineOf = (screen: string, name: string): string =>
    screen.split('\n').find((l) => l.startsWith(`  ${name} `) || l.startsWith(`* ${name} `)) ?? '';
  // A check has 10 s; on a machine loaded by the rest of the suite one can run out, which the
  // picker reports as response.timeout: then r checks again (at most twice), as a user would.
  for (let attempt = 1; ; attempt++) {
    const s = await tmux.waitFor(
      (x) =>
        Object.keys(expected).every((n) => / (ok|skipped|[a-z-]+\.[a-z-]+) · /.test(lineOf(x, n)) && !lineOf(x, n).includes('checking')),
      'results for the demo contexts',
      40_000,
    );
    const wrong = Object.entries(expected).filter(([n, re]) => !re.test(lineOf(s, n)));
    if (wrong.length === 0) break;
    const timedOut = wrong.every(([n]) => lineOf(s, n).includes('response.timeout'));
    assert.ok(timedOut && attempt < 3, `unexpected results for ${wrong.map(([n]) => n).join(', ')}:\n${s}`);
    tmux.send('r');
    const again = new Set<string>();
    await tmux.waitFor((x) => {
      for (const [n] of wrong) if (!lineOf(x, n).includes('response.timeout')) again.add(n);
      return again.size === wrong.length;
    }, 'the contexts checked again');
  }
  tmux.send('Escape');
  await tmux.waitFor((x) => /context checked ok/.test(x), 'header: the current context checked fine');
  tmux.send('q');
  await tmux.waitFor((x) => x.includes('[exited 0]'), 'quit');
  await endedCleanly(demo, pid);
});

// The terminal closes (tmux sends SIGHUP) at three moments of the start: while the simulator is
// being made (its folder exists, kpods has not drawn yet), at the first frame, and with rows shown.
const moments: Array<[string, (demo: ReturnType<typeof startDemo>) => Promise<unknown>]> = [
  ['while the simulator starts', (demo) => until(() => simFolders(demo.tmp).length > 0, 'the simulator folder', 30_000)],
  ['at the first frame', (demo) => demo.tmux.waitFor((x) => x.includes('ctx: admin'), 'the first frame', 30_000)],
  ['with rows on the screen', (demo) => demo.tmux.waitFor((x) => x.includes('ctx: admin') && x.includes('Running'), 'rows', 30_000)],
];
for (const [moment, reached] of moments) {
  test(`kpods demo leaves no temporary folder behind when its terminal closes (SIGHUP) ${moment}`, async (t) => {
    if (!requireTool(t, 'tmux', 'the kpods demo terminal tests')) return;
    const demo = startDemo(t, ['--pods', '30']);
    await until(() => existsSync(demo.pidFile) && demo.pid() > 0, 'the pid of kpods');
    const pid = demo.pid();
    await reached(demo);
    demo.tmux.kill();
    await endedCleanly(demo, pid);
  });
}
