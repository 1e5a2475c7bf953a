/** kpods overwrites nothing it should not, and refuses read-only kubeconfigs as kubectl does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeDemoKubeconfig, DEMO_MARKER } from '../../../src/sim/demo-file.js';
import { saveCurrentContext } from '../../../src/core/kubeconfig/index.js';
import { tempDir } from '../../helpers/hostile.js';

const CONFIG = `apiVersion: v1
kind: Config
current-context: a
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:1"}
users:
- name: u
  user: {token: abcdef}
contexts:
- name: a
  context: {cluster: c, user: u}
- name: b
  context: {cluster: c, user: u}
`;
const hostFor = (dir: string) => ({ env: {}, home: dir, cwd: dir, now: () => new Date(0) });

test('demo --kubeconfig-out: a symlink is not followed, an existing file is not overwritten, mode 0600', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'precious\n', { mode: 0o644 });
  const link = join(dir, 'out.yaml');
  symlinkSync(victim, link);
  assert.throws(
    () => writeDemoKubeconfig(link, 'apiVersion: v1\n'),
    (e: NodeJS.ErrnoException) => e.code === 'EEXIST',
  );
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  assert.ok(lstatSync(link).isSymbolicLink());
  // A dangling link is not followed either.
  const dangling = join(dir, 'dangling.yaml');
  symlinkSync(join(dir, 'nowhere.yaml'), dangling);
  assert.throws(
    () => writeDemoKubeconfig(dangling, 'apiVersion: v1\n'),
    (e: NodeJS.ErrnoException) => e.code === 'EEXIST',
  );
  assert.equal(existsSync(join(dir, 'nowhere.yaml')), false);
  // An existing regular file that kpods did not write stays.
  const other = join(dir, 'other.yaml');
  writeFileSync(other, CONFIG);
  assert.throws(() => writeDemoKubeconfig(other, 'apiVersion: v1\n'), /not a kubeconfig written by kpods demo/);
  assert.equal(readFileSync(other, 'utf8'), CONFIG);
  // A new file: mode 0600 whatever the umask, starting with the marker.
  const fresh = join(dir, 'fresh.yaml');
  const old = process.umask(0o000);
  try {
    writeDemoKubeconfig(fresh, 'apiVersion: v1\n');
  } finally {
    process.umask(old);
  }
  assert.equal(statSync(fresh).mode & 0o777, 0o600);
  assert.ok(readFileSync(fresh, 'utf8').startsWith(DEMO_MARKER));
  // kpods' own previous demo file is replaced.
  writeDemoKubeconfig(fresh, 'apiVersion: v1\nkind: Config\n');
  assert.match(readFileSync(fresh, 'utf8'), /kind: Config/);
});

test('saving into a read-only kubeconfig (mode 0444) refuses with the file and "permission denied"', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const path = join(dir, 'config');
  writeFileSync(path, CONFIG);
  chmodSync(path, 0o444);
  const r = await saveCurrentContext({ host: hostFor(dir), explicitPath: path, context: 'b', lockTimeoutMs: 100 });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.failure.code, 'kubeconfig.write-failed');
    assert.ok(r.failure.summary.includes(path), r.failure.summary);
    assert.match(r.failure.summary, /permission denied/);
  }
  assert.equal(readFileSync(path, 'utf8'), CONFIG);
  assert.equal(statSync(path).mode & 0o777, 0o444);
});

test('saving into a kubeconfig whose folder is not writable refuses with the folder and "permission denied"', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(() => (chmodSync(join(dir, 'ro'), 0o755), cleanup()));
  const ro = join(dir, 'ro');
  mkdirSync(ro);
  const path = join(ro, 'config');
  writeFileSync(path, CONFIG);
  chmodSync(ro, 0o555);
  const r = await saveCurrentContext({ host: hostFor(dir), explicitPath: path, context: 'b', lockTimeoutMs: 100 });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.failure.code, 'kubeconfig.write-failed');
    assert.ok((r.failure.summary + (r.failure.detail ?? '')).includes(ro), r.failure.summary);
    assert.match(r.failure.summary, /permission denied/);
  }
  assert.equal(readFileSync(path, 'utf8'), CONFIG);
});

test('a symlinked kubeconfig: the lock is on the path as named (as kubectl), the write lands in the target, the link stays', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  mkdirSync(join(dir, 'real'));
  const target = join(dir, 'real', 'config');
  writeFileSync(target, CONFIG, { mode: 0o600 });
  const link = join(dir, 'link-config');
  symlinkSync(target, link);
  // A lock held on the link's name blocks the save (kubectl locks "<path as named>.lock")...
  writeFileSync(`${link}.lock`, '');
  const blocked = await saveCurrentContext({ host: hostFor(dir), explicitPath: link, context: 'b', lockTimeoutMs: 50 });
  assert.equal(blocked.ok, false);
  if (!blocked.ok) assert.ok(blocked.failure.summary.includes(`${link}.lock`), blocked.failure.summary);
  // ...a lock on the target's name does not (kubectl does not take it).
  chmodSync(`${link}.lock`, 0o600);
  writeFileSync(`${target}.lock`, '');
  const { rmSync } = await import('node:fs');
  rmSync(`${link}.lock`);
  const r = await saveCurrentContext({ host: hostFor(dir), explicitPath: link, context: 'b', lockTimeoutMs: 50 });
  assert.ok(r.ok, r.ok ? '' : r.failure.summary);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readlinkSync(link), target);
  assert.match(readFileSync(target, 'utf8'), /current-context: b/);
  assert.equal(statSync(target).mode & 0o777, 0o600);
  assert.equal(existsSync(`${link}.lock`), false);
});

test('kpods demo --serve --kubeconfig-out onto a symlink refuses, names the path, and leaves the target alone', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'precious\n', { mode: 0o644 });
  const link = join(dir, 'out.yaml');
  symlinkSync(victim, link);
  const { runDemo } = await import('../../../src/commands/demo.js');
  const demoCommand = (args: string[], io: Parameters<typeof runDemo>[1]) => runDemo(args, io, { openUi: async () => 0 });
  const { runCommand } = await import('../../helpers/hostile.js');
  const r = await runCommand(demoCommand, ['--serve', '--pods', '0', '--churn', '0', '--kubeconfig-out', link], { home: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /already exists \(or is a symbolic link\)/);
  assert.ok(r.stderr.includes(link));
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  assert.equal(statSync(victim).mode & 0o777, 0o644);
});
