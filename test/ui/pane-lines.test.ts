/** The status pane's lines are wrapped once per failure and width, however often a render asks for them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allPaneLines, paneLines } from '../../src/ui/StatusPane.js';
import { failure } from '../../src/core/failure.js';

test('allPaneLines returns the same lines for the same failure and width, and wraps again for another width', () => {
  const f = failure('connection.refused', 'The server refused the connection. '.repeat(6), ['Check the server.'], 'a: b\nc: d');
  const a = allPaneLines(f, 80);
  assert.equal(allPaneLines(f, 80), a);
  const narrow = allPaneLines(f, 40);
  assert.notEqual(narrow, a);
  assert.ok(narrow.length > a.length);
  assert.deepEqual(allPaneLines({ ...f }, 80), a, 'an equal failure gives equal lines');
  assert.deepEqual(paneLines(f, 100, 80), a);
});
