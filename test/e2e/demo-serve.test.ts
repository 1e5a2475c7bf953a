/** `kpods demo --serve` as a process: prints the kubeconfig path, serves, and cleans up on SIGTERM, SIGINT and SIGHUP. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { kpodsBin, runKpods } from '../helpers/run-kpods.js';
import { findKubectl, runKubectl } from '../helpers/sim.js';
import { troubledPods } from '../../src/sim/troubled.js';

function startServe(args: string[]) {
  const child = spawn(process.execPath, [kpodsBin, 'demo', '--serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.on('close', (code) => reject(new Error(`demo exited ${code} before printing a path\n${stderr}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, firstLine, exit, stderr: () => stderr, stdout: () => stdout };
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  test(`demo --serve prints the kubeconfig path, serves kubectl, and on ${signal} exits 0 leaving nothing behind`, async () => {
    const demo = startServe(['--pods', '40', '--churn', '0']);
    try {
      const path = await demo.firstLine;
      assert.ok(path.endsWith('/kubeconfig'), path);
      const dir = dirname(path);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      assert.equal(statSync(path).mode & 0o777, 0o600);
      if (signal === 'SIGTERM' && findKubectl()) {
        const r = await runKubectl(['get', 'pods', '-A', '--no-headers'], { kubeconfig: path, context: 'admin' });
        assert.equal(r.code, 0, r.stderr);
        // The generated pods, plus the troubled namespace the demo always adds.
        assert.equal(r.stdout.trim().split('\n').length, 40 + troubledPods(0).length);
        // The exec-ok context's plugin is a file beside the simulator's modules: found from the bundle too.
        const trace = await runKpods(['trace', '-o', 'json', '--context', 'exec-ok', '--kubeconfig', path]);
        assert.equal(trace.code, 0, trace.stdout + trace.stderr);
      }
      demo.child.kill(signal);
      assert.equal(await demo.exit, 0, demo.stderr());
      assert.match(demo.stderr(), /developer\s+bearer token/);
      assert.equal(existsSync(dir), false, 'the private folder is removed');
      assert.equal(demo.stdout(), `${path}\n`);
    } finally {
      if (demo.child.exitCode === null) demo.child.kill('SIGKILL');
    }
  });
}

test('demo --serve --kubeconfig-out writes the kubeconfig where asked', async () => {
  const out = mkdtempSync(join(tmpdir(), 'kpods-demo-out-'));
  const demo = startServe(['--pods', '0', '--kubeconfig-out', join(out, 'kc.yaml')]);
  try {
    assert.equal(await demo.firstLine, join(out, 'kc.yaml'));
    const text = readFileSync(join(out, 'kc.yaml'), 'utf8');
    for (const ctx of [
      'admin',
      'developer',
      'expired-token',
      'wrong-ca',
      'hostname-mismatch',
      'nothing-listening',
      'exec-ok',
      'exec-missing',
      'exec-fails',
      'html-login',
      'throttled',
      'flaky',
      'slow',
      'reset',
      'hostile',
    ]) {
      assert.match(text, new RegExp(`- name: ${ctx}\\n\\s+context:`), ctx);
    }
    demo.child.kill('SIGTERM');
    assert.equal(await demo.exit, 0);
  } finally {
    if (demo.child.exitCode === null) demo.child.kill('SIGKILL');
    rmSync(out, { recursive: true, force: true });
  }
});
