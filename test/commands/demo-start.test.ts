/** kpods demo's start-up failures are said in plain words with what to try, never the system's message alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../helpers/run-command.js';
import { demoStartFailure } from '../../src/commands/demo-start-failure.js';

test('kpods demo --kubeconfig-out under a file (ENOTDIR) names the path and what to do, not the raw error', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kpods-demo-start-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'x');
  const out = join(file, 'kubeconfig');
  const r = await runCommand(['demo', '--serve', '--pods', '0', '--churn', '0', '--kubeconfig-out', out]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    `kpods demo: could not start the simulated cluster: the folder of --kubeconfig-out ${out} does not exist (or a part of its path is a file).\n` +
      '  try: choose a path in an existing folder\n',
  );
});

test('an unexpected start-up error gives its code, a hint, and the system message only as a detail', () => {
  const err = Object.assign(new Error('EMFILE: too many open files, open /x'), { code: 'EMFILE' });
  const text = demoStartFailure(err, {});
  const [first, hint, detail] = text.trimEnd().split('\n');
  assert.equal(first, 'kpods demo: could not start the simulated cluster: an unexpected error (EMFILE).');
  assert.match(hint!, /^ {2}try: run it again; if it fails again, please report it/);
  assert.equal(detail, '  detail: EMFILE: too many open files, open /x');
});
