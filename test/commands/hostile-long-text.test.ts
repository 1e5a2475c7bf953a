/** A huge name is never echoed whole into a message. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCommand } from '../../src/commands/list.js';
import { traceCommand } from '../../src/commands/trace.js';
import { contextsCommand } from '../../src/commands/contexts.js';
import { paneLines } from '../../src/ui/StatusPane.js';
import { failure } from '../../src/core/failure.js';
import { quoteCapped } from '../../src/core/terminal-text.js';
import { runCommand, tempDir } from '../helpers/hostile.js';

const HUGE = 'ctx-' + 'x'.repeat(2_000_000);

test('quoteCapped keeps short strings and cuts long ones, saying how much was left out', () => {
  assert.equal(quoteCapped('web'), '"web"');
  const q = quoteCapped(HUGE);
  assert.ok(q.length < 300, String(q.length));
  assert.match(q, /… \(2,000,004 characters\)"$|\(2000004 characters\)/);
});

test('a 2 MB context name (current-context or --context) is not echoed whole by list, trace or contexts', async (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const kc = join(dir, 'config');
  writeFileSync(kc, `apiVersion: v1\nkind: Config\ncurrent-context: "${HUGE}"\nclusters: []\nusers: []\ncontexts: []\n`);
  for (const [cmd, args] of [
    [listCommand, []],
    [traceCommand, []],
    [listCommand, ['--context', HUGE + 'y']],
    [contextsCommand, []],
  ] as const) {
    const r = await runCommand(cmd, ['--kubeconfig', kc, ...args], { home: dir });
    assert.notEqual(r.code, 1);
    assert.ok(r.stdout.length + r.stderr.length < 20_000, `printed ${r.stdout.length + r.stderr.length} characters`);
  }
});

test("the browser's status pane caps every line of a failure", () => {
  const lines = paneLines(failure('kubeconfig.context-not-found', `Context "${HUGE}" is missing.`, [HUGE], HUGE), 20, 100);
  for (const l of lines) assert.ok(l.length < 2_000, String(l.length));
});
