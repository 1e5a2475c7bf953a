/**
 * The log screen's other keys and cases on the simulator (ink-testing-library): --log-tail and
 * --log-buffer, w, c, N, g, PgUp/PgDn, s (the path shown; a failed save explained), a crash-looping
 * container (its exit said once while it is down), and a pods/log 403 with where logs may be read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';
import { withDevelopersReadingPodsOnly } from '../helpers/sim.js';
import type { Simulator } from '../../src/sim/index.js';
import { configureLogs, logSettings } from '../../src/ui/logs-open.js';
import { until } from '../helpers/until.js';

const ROWS = 24;

function podOf(sim: Simulator, state: string, namespace?: string): string {
  for (const v of sim.cluster.iterate(namespace)) if (v.seed?.state === state) return v.key.slice(v.namespace.length + 1);
  throw new Error(`no ${state} pod`);
}

/** Runs `fn` with --log-tail, --log-buffer and the save folders set, then puts the defaults back. */
async function withLogSettings<T>(o: Parameters<typeof configureLogs>[0], fn: () => Promise<T>): Promise<T> {
  const before = { ...logSettings };
  configureLogs(o);
  try {
    return await fn();
  } finally {
    logSettings.tail = before.tail;
    logSettings.buffer = before.buffer;
    logSettings.saveDirs = before.saveDirs;
  }
}

async function openLogOf(ui: Awaited<ReturnType<typeof startAppOnSim>>['ui'], pod: string, ready: (x: string) => boolean) {
  await ui.waitFor((x) => x.includes(pod), 'the table');
  await ui.press(`/${pod}`, (x) => x.includes(`/${pod}`), 'filter typed');
  await ui.press(KEYS.enter, (x) => x.includes(pod) && x.includes('1/1'), 'filtered');
  return ui.press('l', ready, 'the log', 20_000);
}

test('--log-tail and --log-buffer; w, g, PgUp/PgDn, N; s shows the path, and a failed save its cause', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kpods-logs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await withLogSettings({ tail: 7, buffer: 300, saveDirs: [dir] }, async () => {
    const { sim, ui } = await startAppOnSim(t, {
      sim: { pods: 60, logs: { fastRate: 400 } },
      feed: { intervalMs: 500, watch: false },
      selection: { context: 'admin', namespace: 'default' },
      rows: ROWS,
    });
    // A slow pod starts with exactly --log-tail lines.
    const slow = podOf(sim, 'running', 'default');
    let f = await openLogOf(ui, slow, (x) => / 7 lines/.test(x));
    assert.match(f, /following · 7 lines/);
    await ui.press(KEYS.escape, (x) => x.includes('NAME'), 'back');
    await ui.press(`/`, (x) => x.includes('/'), 'filter again');
    // The fast pod: the buffer keeps --log-buffer lines and counts the dropped ones.
    const fast = sim.logs.fastPod!.split('/')[1]!;
    await ui.press(KEYS.escape, (x) => x.includes('NAME'), 'filter cancelled');
    f = await openLogOf(ui, fast, (x) => /300 lines \([\d,]+ older dropped\)/.test(x));
    // w: wrap (a long line takes several rows).
    f = await ui.press('w', (x) => /· wrap/.test(x), 'wrap on');
    f = await ui.press('w', (x) => !/· wrap/.test(x), 'wrap off');
    // c: colours (SGR only; what else is shown: display.test.ts).
    f = await ui.press('c', (x) => /· colours/.test(x), 'colours on');
    f = await ui.press('c', (x) => !/· colours/.test(x), 'colours off');
    // PgUp holds the view; g and PgDn keep it held (where they move to: view.test.ts); G follows.
    f = await ui.press(KEYS.pageUp, (x) => /held/.test(x), 'held by PgUp');
    f = await ui.press('G', (x) => /following/.test(x), 'following');
    f = await ui.press('g', (x) => /held/.test(x), 'the top');
    f = await ui.press(KEYS.pageDown, (x) => /held/.test(x), 'a page down');
    f = await ui.press('G', (x) => /following/.test(x), 'following');
    // Search, then N goes to the previous match.
    await ui.press('/', (x) => x.includes('/▏'), 'typing a search');
    await ui.press('GET', (x) => x.includes('/GET▏'), 'typed');
    f = await ui.press(KEYS.enter, (x) => /"GET" \d+\/[\d,]+/.test(x), 'matches counted');
    const at = Number(/"GET" (\d+)\//.exec(f)![1]);
    f = await ui.press('N', (x) => /"GET" \d+\//.test(x) && Number(/"GET" (\d+)\//.exec(x)![1]) !== at, 'the previous match');
    // s: the path is shown and the file holds the buffer.
    f = await ui.press('s', (x) => /saved [\d,]+ lines to /.test(x), 'saved');
    const path = /saved [\d,]+ lines to (\S+\.log)/.exec(f.replace(/\n/g, ''))?.[1];
    assert.ok(path && path.startsWith(dir), f);
    assert.match(readFileSync(path, 'utf8'), /HTTP\/1\.1/);
    // A folder that is gone: the cause in words, not the system's message.
    logSettings.saveDirs = [join(dir, 'gone')];
    f = await ui.press('s', (x) => /could not save/.test(x), 'not saved');
    assert.match(f.replace(/\n/g, ''), /could not save: .*gone does not exist/);
    assert.doesNotMatch(f, /ENOENT|no such file/);
  });
});

test('a crash-looping container: the view says it exited, once, and waits for it to run again', async (t) => {
  const { sim, ui } = await startAppOnSim(t, {
    sim: { pods: 60 },
    feed: { intervalMs: 500, watch: false },
    selection: { context: 'admin', namespace: 'default' },
    rows: ROWS,
  });
  const pod = podOf(sim, 'crashloop', 'default');
  const f = await openLogOf(ui, pod, (x) => /container exited; waiting for it to start again/.test(x));
  assert.match(f, /── container exited \(Error, exit code 1, restart \d+\); waiting for it to start again ──/);
  assert.match(f, /"level":"fatal"/);
  // Later frames still say it once: the pod is looked at again (twice more), the log is not asked for again.
  const podPath = `/api/v1/namespaces/default/pods/${pod}`;
  const served = (path: string): number => sim.stats.paths.get(path) ?? 0;
  const [looks, logs] = [served(podPath), served(`${podPath}/log`)];
  await until(() => served(podPath) >= looks + 2, 'the pod looked at twice more', 15_000);
  assert.equal(served(`${podPath}/log`), logs, 'the log was asked for again');
  const last = ui.frames.at(-1)!;
  assert.equal(last.match(/container exited \(/g)?.length, 1, last);
  assert.doesNotMatch(last, /resuming in/);
});

test('pods/log forbidden: the view names the permission and where logs may be read', async (t) => {
  const { sim, ui } = await startAppOnSim(t, {
    sim: { pods: 60 },
    feed: { intervalMs: 500, watch: false },
    selection: { context: 'developer', namespace: 'payments' },
    rows: ROWS,
  });
  await withDevelopersReadingPodsOnly(sim, 'payments', async () => {
    const pod = podOf(sim, 'running', 'payments');
    // Where: access reviews in the namespaces kpods knows of (this user may not list namespaces).
    const f = await openLogOf(ui, pod, (x) => /→ You may read logs in/.test(x));
    assert.match(f, /not read its log: reading logs needs "get" on "pods\/log"/);
    assert.match(f, /authorization\.forbidden/);
  });
});
