/** The status pane's sentences: no doubled punctuation when a summary is quoted inside another sentence. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderSized } from '../helpers/ink.js';
import { StatusPane } from '../../src/ui/StatusPane.js';

test('"resolved" quotes the old summary without doubling its full stop', async () => {
  const ui = renderSized(
    <StatusPane
      resolved="The API server failed while serving the request (HTTP 500 InternalError)."
      maxLines={6}
      color={false}
      width={120}
    />,
    120,
    10,
  );
  const frame = await ui.waitFor((f) => f.includes('answers again'), 'resolved line');
  ui.unmount();
  assert.match(frame, /\(was: The API server failed while serving the request \(HTTP 500 InternalError\)\)\./);
  assert.doesNotMatch(frame, /\.\)\./);
});
