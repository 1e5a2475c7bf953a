import test from 'node:test';
import assert from 'node:assert/strict';
import { KubeconfigChanged, saveFailed } from '../../src/core/kubeconfig/index.js';
import { hintText } from '../../src/core/hint.js';

/** An error as node:fs throws it (code and a system message that must not be shown). */
function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: raw system text, open '/x/config'`), { code });
}

const cases: [string, RegExp, RegExp][] = [
  ['EACCES', /permission denied/, /writable/],
  ['ENOSPC', /the disk is full/, /Free some space/],
  ['EDQUOT', /quota/, /Free some space/],
  ['EROFS', /read-only/, /writable one/],
  ['EISDIR', /a folder, not a file/, /at a file/],
  ['EWHATEVER', /unexpected system error \(EWHATEVER\)/, /writable and the disk has room/],
];

for (const [code, summary, hint] of cases) {
  test(`a save failing with ${code} is said in plain words with a hint, never the system's message`, () => {
    const f = saveFailed(fsError(code), '/x/config');
    assert.equal(f.code, 'kubeconfig.write-failed');
    assert.match(f.summary, summary);
    assert.ok(f.summary.includes('/x/config'), f.summary);
    assert.doesNotMatch(f.summary + (f.detail ?? ''), /raw system text/);
    assert.equal(f.hints.length, 1);
    assert.match(hintText(f.hints[0]!, 'browser'), hint);
  });
}

test('a kubeconfig that changed while saving is said as such', () => {
  const f = saveFailed(new KubeconfigChanged('context shop'), '/x/config');
  assert.match(f.summary, /changed while kpods was saving \(context shop is no longer in it\)/);
  assert.match(hintText(f.hints[0]!, 'cli'), /save again/);
});

test('an error with no code and no file still gets words and a hint', () => {
  const f = saveFailed(new Error('secret-ish internals'));
  assert.equal(f.summary, 'Could not write the kubeconfig: an unexpected error.');
  assert.equal(f.hints.length, 1);
});
