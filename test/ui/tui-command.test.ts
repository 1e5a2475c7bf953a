/** The `kpods` command outside a terminal, its flags, and saving through the kubeconfig engine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKpods } from '../helpers/run-kpods.js';
import { parseInterval } from '../../src/commands/tui.js';
import { kubeDeps } from '../../src/ui/kube-deps.js';

test('kpods without a terminal explains itself and points at kpods list (exit 2)', async () => {
  const r = await runKpods([], { env: { HOME: '/nonexistent' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /needs a terminal/);
  assert.match(r.stderr, /kpods list/);
});

test('flags: bad --interval and unknown flags are usage errors', async () => {
  const bad = await runKpods(['--interval', 'soon'], { env: { HOME: '/nonexistent' } });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--interval/);
  const unknown = await runKpods(['--bogus'], { env: { HOME: '/nonexistent' } });
  assert.equal(unknown.code, 2);
  assert.equal(await parseInterval(undefined), 2000);
  assert.equal(await parseInterval('500ms'), 500);
  assert.equal(await parseInterval('3'), 3000);
  assert.equal(await parseInterval('10ms'), undefined);
});

test('save: the preview names the file, and saving writes current-context and the namespace', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kpods-save-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'config');
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: a',
      'clusters:',
      '- name: c',
      '  cluster: {server: "https://127.0.0.1:1"}',
      'users:',
      '- name: u',
      '  user: {token: abc}',
      'contexts:',
      '- name: a',
      '  context: {cluster: c, user: u}',
      '- name: b',
      '  context: {cluster: c, user: u, namespace: old}',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const host = { env: {}, home: dir, cwd: dir, now: () => new Date() };
  const deps = kubeDeps({ host, explicitPath: path, overrides: {} });
  assert.deepEqual(
    deps.kubeconfig().contexts.map((c) => c.name),
    ['a', 'b'],
  );
  const preview = deps.savePreview('b', 'shop');
  assert.ok(preview.includes(path), preview);
  assert.match(preview, /current-context "b"/);
  assert.match(preview, /namespace "shop"/);
  const res = await deps.save('b', 'shop');
  assert.ok(res.ok, JSON.stringify(res));
  const text = readFileSync(path, 'utf8');
  assert.match(text, /current-context: b/);
  assert.match(text, /namespace: shop/);
  const resolved = deps.resolve({ context: 'b' });
  assert.ok(resolved.ok);
  assert.equal(resolved.value.namespace, 'shop');
  const userOverride = deps.resolve({ context: 'a', user: 'u' });
  assert.ok(userOverride.ok);
  assert.equal(userOverride.value.userOverridden, true);
});

test('--interval -1s is explained by kpods, not by Node', async () => {
  const r = await runKpods(['--interval', '-1s'], { env: { HOME: '/nonexistent' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--interval must be a duration of at least 100ms/);
  assert.doesNotMatch(r.stderr, /ambiguous/);
});
