import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import { SecretSet } from '../../src/core/redact.js';
import { commandExists, createTtyExecRunner, credentialExpiryOf } from '../../src/ui/tty-exec-runner.js';

test('commandExists: absolute paths and names on PATH', () => {
  assert.equal(commandExists(process.execPath, ''), true);
  assert.equal(commandExists('node', dirname(process.execPath)), true);
  assert.equal(commandExists('kpods-no-such-plugin', dirname(process.execPath)), false);
  assert.equal(commandExists('/nonexistent/plugin', undefined), false);
});

test('a missing interactive plugin fails in the background, without taking the terminal', async () => {
  let asides = 0;
  const runner = createTtyExecRunner({
    interactiveAvailable: true,
    stepAside: (fn) => (asides++, fn()),
    stderr: process.stderr,
    secrets: new SecretSet(),
  });
  const r = await runner.run({
    command: 'kpods-no-such-plugin',
    args: [],
    env: { PATH: dirname(process.execPath) },
    interactive: true,
    timeoutMs: 5000,
  });
  assert.equal(asides, 0);
  assert.equal(r.spawnErrorCode, 'ENOENT');
});

test('an interactive plugin runs inside stepAside and its output is captured', async () => {
  let asides = 0;
  const runner = createTtyExecRunner({
    interactiveAvailable: true,
    stepAside: (fn) => (asides++, fn()),
    stderr: process.stderr,
    secrets: new SecretSet(),
  });
  const r = await runner.run({
    command: process.execPath,
    args: ['-e', 'process.stdout.write("{}")'],
    env: { PATH: '' },
    interactive: true,
    timeoutMs: 10_000,
  });
  assert.equal(asides, 1);
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout, '{}');
});

test('the expiry of an exec credential reaches the header', async () => {
  assert.equal(
    credentialExpiryOf('{"status":{"expirationTimestamp":"2026-01-01T00:00:00Z","token":"x"}}')?.toISOString(),
    '2026-01-01T00:00:00.000Z',
  );
  assert.equal(credentialExpiryOf('not json'), undefined);
  const seen: Date[] = [];
  const runner = createTtyExecRunner({
    interactiveAvailable: false,
    stepAside: (fn) => fn(),
    stderr: process.stderr,
    secrets: new SecretSet(),
    onExpiry: (d) => seen.push(d),
  });
  const out = JSON.stringify({ status: { expirationTimestamp: '2030-05-01T00:00:00Z', token: 't' } });
  await runner.run({
    command: process.execPath,
    args: ['-e', `process.stdout.write(${JSON.stringify(out)})`],
    env: { PATH: '' },
    interactive: false,
    timeoutMs: 10_000,
  });
  assert.equal(seen[0]?.toISOString(), '2030-05-01T00:00:00.000Z');
});

test('a plugin that echoes a held token on the terminal shows it redacted', async () => {
  const token = 'held-token-0123456789abcdef';
  const secrets = new SecretSet();
  secrets.add(token);
  const terminal = new PassThrough();
  let shown = '';
  terminal.setEncoding('utf8').on('data', (d: string) => (shown += d));
  const runner = createTtyExecRunner({
    interactiveAvailable: true,
    stepAside: (fn) => fn(),
    stderr: terminal,
    secrets,
  });
  const r = await runner.run({
    command: process.execPath,
    args: ['-e', `process.stderr.write("debug: using token ${token}\\n")`],
    env: { PATH: '' },
    interactive: true,
    timeoutMs: 10_000,
  });
  assert.equal(r.exitCode, 0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.match(shown, /debug: using token <redacted>/);
  assert.ok(!shown.includes(token), shown);
});

test('a held token the plugin writes in two pieces never reaches the terminal whole or in part', async () => {
  const token = 'split-token-0123456789abcdef';
  const secrets = new SecretSet();
  secrets.add(token);
  const terminal = new PassThrough();
  let shown = '';
  terminal.setEncoding('utf8').on('data', (d: string) => (shown += d));
  const runner = createTtyExecRunner({ interactiveAvailable: true, stepAside: (fn) => fn(), stderr: terminal, secrets });
  // The plugin's two writes reach kpods as two reads: the second is written a moment after the first.
  const script = `const fs = require('node:fs');
fs.writeSync(2, 'token: ${token.slice(0, 12)}');
setTimeout(() => fs.writeSync(2, '${token.slice(12)} ok\\nCode:'), 40);`;
  const r = await runner.run({ command: process.execPath, args: ['-e', script], env: { PATH: '' }, interactive: true, timeoutMs: 10_000 });
  assert.equal(r.exitCode, 0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(!shown.includes(token.slice(0, 12)) && !shown.includes(token.slice(12)), shown);
  assert.match(shown, /token: <redacted> ok\nCode:/);
});
