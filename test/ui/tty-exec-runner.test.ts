import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { commandExists, createTtyExecRunner } from '../../src/ui/tty-exec-runner.js';

test('commandExists: absolute paths and names on PATH', () => {
  assert.equal(commandExists(process.execPath, ''), true);
  assert.equal(commandExists('node', dirname(process.execPath)), true);
  assert.equal(commandExists('kpods-no-such-plugin', dirname(process.execPath)), false);
  assert.equal(commandExists('/nonexistent/plugin', undefined), false);
});

test('a missing interactive plugin fails in the background, without taking the terminal', async () => {
  let asides = 0;
  const runner = createTtyExecRunner({ interactiveAvailable: true, stepAside: (fn) => (asides++, fn()), stderr: process.stderr });
  const r = await runner.run({ command: 'kpods-no-such-plugin', args: [], env: { PATH: dirname(process.execPath) }, interactive: true, timeoutMs: 5000 });
  assert.equal(asides, 0);
  assert.equal(r.spawnErrorCode, 'ENOENT');
});

test('an interactive plugin runs inside stepAside and its output is captured', async () => {
  let asides = 0;
  const runner = createTtyExecRunner({ interactiveAvailable: true, stepAside: (fn) => (asides++, fn()), stderr: process.stderr });
  const r = await runner.run({ command: process.execPath, args: ['-e', 'process.stdout.write("{}")'], env: { PATH: '' }, interactive: true, timeoutMs: 10_000 });
  assert.equal(asides, 1);
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout, '{}');
});
