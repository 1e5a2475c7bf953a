/** The kubeconfig is loaded once and followed: pure reload logic, the debounced watcher, and the App on the simulator. */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { failure, type Result } from '../../src/core/failure.js';
import type { LoadedKubeconfig } from '../../src/core/kubeconfig/index.js';
import { compareLoads, kubeconfigSource } from '../../src/ui/kubeconfig-source.js';
import { watchFiles, type WatchFn } from '../../src/ui/watch-files.js';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';

function config(current: string | undefined, contexts = ['a', 'b']): LoadedKubeconfig {
  return {
    files: [{ path: '/k/config', exists: true }],
    source: 'explicit',
    clusters: [],
    users: [],
    contexts: contexts.map((name) => ({ name, origin: '/k/config', fields: { cluster: 'c', user: 'u', extensions: [] } })),
    currentContext: current,
    colors: false,
    preferenceExtensions: [],
    extensions: [],
    warnings: [],
    defaultFile: '/k/config',
  } as unknown as LoadedKubeconfig;
}
const ok = (c: LoadedKubeconfig): Result<LoadedKubeconfig> => ({ ok: true, value: c });
const bad: Result<LoadedKubeconfig> = { ok: false, failure: failure('kubeconfig.invalid', '/k/config line 3: not YAML') };

test('reload: unchanged, a new current-context, other changes, and an invalid file that keeps the last good one', () => {
  assert.deepEqual(compareLoads(ok(config('a')), ok(config('a'))), { kind: 'unchanged' });
  const moved = compareLoads(ok(config('a')), ok(config('b')));
  assert.equal(moved.kind, 'changed');
  assert.deepEqual(moved.kind === 'changed' && moved.currentContext, { from: 'a', to: 'b' });
  const edited = compareLoads(ok(config('a')), ok(config('a', ['a', 'b', 'c'])));
  assert.equal(edited.kind === 'changed' && edited.currentContext, undefined);
  assert.equal(compareLoads(ok(config('a')), bad).kind, 'invalid');
  // The source keeps the last good kubeconfig when a reload fails, and takes the next good one.
  const loads = [ok(config('a')), bad, ok(config('b'))];
  const source = kubeconfigSource(() => loads.shift()!);
  assert.equal(source.reload().kind, 'invalid');
  const cur = source.current();
  assert.ok(cur.ok && cur.value.currentContext === 'a');
  assert.equal(source.reload().kind, 'changed');
  const next = source.current();
  assert.ok(next.ok && next.value.currentContext === 'b');
});

test('the watcher debounces, watches the directory for renames over the file, and ignores other files', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const listeners = new Map<string, (event: string, name: string | null) => void>();
    const closed: string[] = [];
    const watch: WatchFn = (path, listener) => {
      listeners.set(path, listener as (event: string, name: string | null) => void);
      return { close: () => void closed.push(path) };
    };
    let calls = 0;
    const w = watchFiles(['/k/config', '/k/other.yaml', '/etc/kube/extra'], () => calls++, { watch, debounceMs: 100 });
    assert.deepEqual([...listeners.keys()].sort(), ['/etc/kube', '/etc/kube/extra', '/k', '/k/config', '/k/other.yaml']);
    listeners.get('/k/config')!('change', 'config');
    listeners.get('/k')!('rename', 'config');
    listeners.get('/k')!('rename', 'config.lock');
    mock.timers.tick(99);
    assert.equal(calls, 0, 'debounced');
    mock.timers.tick(1);
    assert.equal(calls, 1, 'one call for a burst');
    listeners.get('/k')!('rename', 'unrelated.yaml');
    mock.timers.tick(500);
    assert.equal(calls, 1, 'other files in the directory do not count');
    listeners.get('/etc/kube')!('rename', null);
    mock.timers.tick(100);
    assert.equal(calls, 2, 'an unnamed directory event may be the file');
    listeners.get('/k/config')!('change', 'config');
    w.close();
    mock.timers.tick(1000);
    assert.equal(calls, 2, 'nothing after close');
    assert.equal(closed.length, 5);
  } finally {
    mock.timers.reset();
  }
});

/** Replaces the file the way kubectl does: a new file renamed over it. */
function replaceFile(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

test('kpods follows the kubeconfig: a new current-context moves the header; garbage is explained and kpods keeps running', async (t) => {
  const { sim, ui } = await startAppOnSim(t, {
    sim: { pods: 30 },
    feed: { intervalMs: 60_000, watch: false },
    selection: { context: 'admin' },
    follow: true,
  });
  await ui.waitFor((x) => x.includes('ctx: admin') && x.includes('Running'), 'rows on admin');
  const original = readFileSync(sim.kubeconfigPath, 'utf8');
  const withCurrent = (name: string): string => original.replace(/(current-context"?:\s*"?)admin/, `$1${name}`);
  assert.notEqual(withCurrent('viewer-basic'), original, 'the kubeconfig names its current-context');
  replaceFile(sim.kubeconfigPath, withCurrent('viewer-basic'));
  await ui.waitFor(
    (x) => x.includes('ctx: viewer-basic') && x.includes('current-context is now "viewer-basic"'),
    'the header follows',
    20_000,
  );
  replaceFile(sim.kubeconfigPath, 'apiVersion: v1\nkind: Config\ncontexts: [unclosed\n');
  await ui.waitFor((x) => x.includes('no longer loads') && x.includes('ctx: viewer-basic'), 'explained, last good kept', 20_000);
  // Still running: keys work, the pickers still offer the last good kubeconfig's contexts.
  await ui.press('c', (x) => x.includes('Contexts') && x.includes('developer'), 'context picker', 20_000);
  await ui.press(KEYS.escape, (x) => !x.includes('Contexts'), 'closed');
  replaceFile(sim.kubeconfigPath, withCurrent('developer'));
  await ui.waitFor((x) => x.includes('ctx: developer'), 'follows again once the file is fixed', 20_000);
});
