/**
 * The context picker's checks reuse what the browser knows: the current context's result comes
 * from the live list and identity (no check is run for it), unless the browser looks elsewhere
 * (another namespace); and nothing (no request, no plugin process) outlives the picker or kpods.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { kubeDeps, loadSource } from '../../src/ui/kube-deps.js';
import { openContextPicker } from '../../src/ui/pickers.js';
import { UiSession } from '../../src/ui/session.js';
import type { Selection } from '../../src/ui/session-types.js';
import { createStore, type Store } from '../../src/ui/store.js';
import { until } from '../helpers/until.js';

let sim: Simulator;
let path: string;
const pidFile = (n: string): string => join(sim.dir, `${n}.pid`);

before(async () => {
  // The picker checks every context, and some tests wait for all checks: the slow scenario answers in 0.2 s here.
  sim = await startSimulator({ pods: 7, slowMs: 200 });
  const script = join(sim.dir, 'hang.mjs');
  writeFileSync(
    script,
    "import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], String(process.pid));\nsetInterval(() => {}, 1000);\n",
  );
  const doc = load(readFileSync(sim.kubeconfigPath, 'utf8')) as { users: unknown[]; contexts: unknown[] };
  for (const n of ['hang1', 'hang2']) {
    doc.users.push({
      name: n,
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: process.execPath,
          args: [script, pidFile(n)],
          interactiveMode: 'Never',
        },
      },
    });
    doc.contexts.push({ name: n, context: { cluster: 'sim', user: n, namespace: 'default' } });
  }
  path = join(sim.dir, 'live-kubeconfig');
  writeFileSync(path, dump(doc), { mode: 0o600 });
});
after(async () => {
  await sim?.close();
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A session on the simulator whose background checks are recorded (the names each run was asked for). */
function startSession(selection: Selection): { store: Store; session: UiSession; asked: string[] } {
  const host = { env: { PATH: process.env['PATH'] ?? '' }, home: sim.dir, cwd: sim.dir, now: () => new Date() };
  const deps = kubeDeps({ host, explicitPath: path, overrides: {}, source: loadSource(host, path) });
  const run = deps.checkContexts!;
  const asked: string[] = [];
  const store = createStore();
  const session = new UiSession(
    store,
    { ...deps, checkContexts: (names, o) => (asked.push(...names), run(names, o)) },
    { intervalMs: 60_000, watch: false },
    selection,
  );
  session.start();
  return { store, session, asked };
}

test('the current context’s result is the live list’s (pods, identity), not a new check', async (t) => {
  const { store, session, asked } = startSession({ context: 'admin' });
  t.after(() => session.stop());
  await until(() => store.getState().table.hasData && store.getState().identity !== undefined, 'rows and identity');
  openContextPicker(store, session);
  const admin = session.health!.get('admin');
  assert.equal(admin?.state, 'done', 'known at once');
  assert.ok(admin?.state === 'done');
  assert.equal(admin.check.result, 'ok');
  assert.equal(admin.check.pods, store.getState().table.rows.size);
  assert.equal(admin.check.identity, 'kpods-admin');
  assert.ok(!asked.includes('admin'), 'no check run for the current context');
  assert.ok(asked.includes('viewer-basic'), 'the others are checked');
  store.dispatch({ type: 'pop' });
  await until(() => session.health!.active === 0, 'checks stopped');
});

test('a failing current context: the live failure is the result, with the code kpods trace gives', async (t) => {
  const { store, session, asked } = startSession({ context: 'developer' });
  t.after(() => session.stop());
  await until(() => store.getState().table.failure !== undefined, 'the 403 explained');
  openContextPicker(store, session);
  const dev = session.health!.get('developer');
  assert.ok(dev?.state === 'done');
  assert.equal(dev.check.result, 'failed');
  assert.equal(dev.check.stage, 'authorization');
  assert.equal(dev.check.code, 'authorization.forbidden');
  assert.ok(!asked.includes('developer'));
  store.dispatch({ type: 'pop' });
  await until(() => session.health!.active === 0, 'checks stopped');
});

test('looking at another namespace than the check would: the current context is checked as usual', async (t) => {
  const { store, session, asked } = startSession({ context: 'developer', namespace: 'shop' });
  t.after(() => session.stop());
  await until(() => store.getState().table.hasData, 'rows in shop');
  openContextPicker(store, session);
  assert.ok(asked.includes('developer'), 'checked: the browser shows shop, the check lists default');
  await until(() => session.health!.get('developer')?.state === 'done', 'its result');
  store.dispatch({ type: 'pop' });
  await until(() => session.health!.active === 0, 'checks stopped');
});

for (const how of ['the picker closes', 'kpods exits'] as const) {
  test(`no request or plugin process is left running when ${how}`, async (t) => {
    for (const n of ['hang1', 'hang2']) if (existsSync(pidFile(n))) writeFileSync(pidFile(n), '');
    const { store, session } = startSession({ context: 'admin' });
    t.after(() => session.stop());
    await until(() => store.getState().table.hasData, 'rows');
    openContextPicker(store, session);
    const pid = (n: string): number => Number(existsSync(pidFile(n)) ? readFileSync(pidFile(n), 'utf8') : '');
    await until(() => pid('hang1') > 0 && pid('hang2') > 0, 'the hanging plugins started');
    const pids = [pid('hang1'), pid('hang2')];
    assert.ok(session.health!.active > 0);
    if (how === 'the picker closes') store.dispatch({ type: 'pop' });
    else await session.stop();
    await until(() => session.health!.active === 0, 'no check left');
    await until(() => pids.every((p) => !alive(p)), 'the plugin processes gone');
  });
}
