/** An unexpected error is said as a bug in kpods, one message with its escapes shown, exit 1. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportUnexpected } from '../../src/commands/unexpected.js';

test('an unexpected error: its message with control characters neutralised, a bug report line, exit 1', () => {
  let out = '';
  const code = reportUnexpected(new Error('boom \u001b]0;owned\u0007 here'), {
    stderr: { write: (s: string) => ((out += s), true) } as never,
  });
  assert.equal(code, 1);
  assert.ok(!out.includes('\u001b') && !out.includes('\u0007'), JSON.stringify(out));
  assert.match(out, /^kpods: unexpected error: boom .*owned.* here\nThis is a bug in kpods/);
});
