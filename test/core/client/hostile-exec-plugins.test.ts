/** Exec plugins: a garbage client certificate is exec-invalid-output; the time limit covers the whole process group. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExecOutput } from '../../../src/core/client/exec-plugin.js';
import { createDefaultExecRunner } from '../../../src/core/client/exec-runner.js';
import { tempDir } from '../../helpers/hostile.js';

const V1 = 'client.authentication.k8s.io/v1';

test('a garbage client certificate/key from an exec plugin is credentials.exec-invalid-output, not connection.reset', () => {
  const out = JSON.stringify({
    apiVersion: V1,
    kind: 'ExecCredential',
    status: {
      clientCertificateData: 'not a certificate',
      clientKeyData: '-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n',
    },
  });
  const r = parseExecOutput(out, V1);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.failure.code, 'credentials.exec-invalid-output');
    assert.match(r.failure.summary, /client certificate/);
    assert.equal(r.failure.summary.includes('garbage'), false);
  }
});

test("an exec plugin's grandchild holding stdout does not outlive the plugin's time limit", async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const plugin = join(dir, 'plugin.mjs');
  const cred = JSON.stringify({ apiVersion: V1, kind: 'ExecCredential', status: { token: 'tok-grandchild-1' } });
  // The grandchild inherits stdout and sleeps 60 s; the plugin prints its credential and exits at once.
  writeFileSync(
    plugin,
    `import { spawn } from 'node:child_process';\nspawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: ['ignore', 'inherit', 'inherit'] }).unref();\nprocess.stdout.write(${JSON.stringify(cred)});\n`,
  );
  const runner = createDefaultExecRunner();
  const t0 = performance.now();
  const r = await runner.run({ command: process.execPath, args: [plugin], env: { PATH: '' }, interactive: false, timeoutMs: 20_000 });
  const ms = performance.now() - t0;
  assert.ok(ms < 6_000, `took ${Math.round(ms)} ms`);
  assert.equal(r.stdout, cred);
  assert.equal(r.exitCode, 0);
});

test('a plugin run asked for after its caller stopped is stopped at once, not at its time limit', async (t) => {
  // A context check stopped (picker closed) before its plugin started used to run the plugin to the 10 s limit.
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const plugin = join(dir, 'hang.mjs');
  writeFileSync(plugin, 'setInterval(() => {}, 1000);\n');
  const stopped = new AbortController();
  stopped.abort();
  const t0 = performance.now();
  const r = await createDefaultExecRunner().run({
    command: process.execPath,
    args: [plugin],
    env: { PATH: '' },
    interactive: false,
    timeoutMs: 30_000,
    signal: stopped.signal,
  });
  const ms = performance.now() - t0;
  assert.equal(r.timedOut, false);
  assert.equal(r.exitCode, null);
  assert.ok(ms < 6_000, `took ${Math.round(ms)} ms`);
});
