/** The dispatch in src/cli.ts, run in-process: help, version, unknown commands and usage errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from './helpers/run-command.js';

test('--version prints the package version', async () => {
  const r = await runCommand(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^kpods \d+\.\d+\.\d+\n$/);
});

test('--help lists the commands', async () => {
  const r = await runCommand(['--help']);
  assert.equal(r.code, 0);
  for (const cmd of ['demo', 'list', 'trace', 'contexts']) assert.match(r.stdout, new RegExp(`kpods ${cmd}`));
});

test('an unknown command is a usage error (exit 2)', async () => {
  const r = await runCommand(['frobnicate']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command "frobnicate"/);
});

test('demo rejects bad arguments with exit 2', async () => {
  const [r, u] = await Promise.all([runCommand(['demo', '--serve', '--pods', 'many']), runCommand(['demo', '--bogus'])]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--pods must be a whole number/);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /Usage: kpods demo/);
});
