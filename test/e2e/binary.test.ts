/**
 * The kpods binary as a process: exit codes reach the shell, the host is built from the real
 * environment, a closed pipe ends it quietly, and the browser refuses to run without a terminal.
 * Everything else about the commands is tested in-process (test/helpers/run-command.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpodsBin, runKpods } from '../helpers/run-kpods.js';
import { startSimulator } from '../../src/sim/index.js';

test('exit codes reach the shell: --version 0, an unknown command 2, a missing kubeconfig 3', async () => {
  const [version, unknown, missing] = await Promise.all([
    runKpods(['--version']),
    runKpods(['frobnicate']),
    runKpods(['list', '--kubeconfig', '/nonexistent/kubeconfig'], { env: { HOME: '/nonexistent' } }),
  ]);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^kpods \d+\.\d+\.\d+\n$/);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  assert.equal(missing.code, 3, missing.stderr);
  assert.match(missing.stderr, /kubeconfig\.not-found/);
});

test('the host comes from the process: HOME unset reads ./.kube/config in the working directory', async (t) => {
  const cwd = mkdtempSync(join(tmpdir(), 'kpods-e2e-cwd-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  mkdirSync(join(cwd, '.kube'));
  writeFileSync(join(cwd, '.kube', 'config'), 'contexts:\n- name: from-cwd\n  context: {cluster: x}\n');
  const r = await runKpods(['contexts', '-o', 'name'], { env: {}, cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'from-cwd\n');
});

test('without a terminal the browser explains itself and exits 2', async () => {
  const r = await runKpods([], { env: { HOME: '/nonexistent' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /needs a terminal/);
});

test('a reader that closes the pipe early (kpods list | head) ends kpods quietly with exit 0', async (t) => {
  const sim = await startSimulator({ pods: 1500, churnPerSecond: 0 });
  t.after(() => sim.close());
  // About 100 kB of table: more than a pipe holds, so kpods is still writing when the reader goes.
  const child = spawn(process.execPath, [kpodsBin, 'list', '-A', '--kubeconfig', sim.kubeconfigPath], {
    env: { PATH: process.env['PATH'], HOME: sim.dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  assert.equal(signal, null);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
});
