/** Issue 10 item 16: `npm test` (scripts/run-tests.js) ends with one summary line: `N passed, N failed, N skipped`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the test runner ends with a summary line', () => {
  // One small file (the README checks): the process and its last line are the point here.
  // Without NODE_TEST_CONTEXT: under it, node --test would report to this runner instead of printing.
  const { NODE_TEST_CONTEXT: _parent, ...env } = process.env;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'run-tests.js'), 'readme-flags'], {
    encoding: 'utf8',
    timeout: 120_000,
    env,
  });
  assert.equal(r.status, 0, r.stderr);
  const last = r.stdout.trimEnd().split('\n').at(-1) ?? '';
  assert.match(last, /^\d+ passed, 0 failed, 0 skipped$/, r.stdout);
});
