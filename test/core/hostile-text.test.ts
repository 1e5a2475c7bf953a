/** Text from a cluster, a plugin or a kubeconfig is never obeyed by the terminal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neutralize, neutralizeMultiline, UNSAFE_TEXT } from '../../src/core/terminal-text.js';
import { goMarshalIndent, formatKubectlListJson } from '../../src/core/client/go-json.js';
import { formatPodTable } from '../../src/core/client/print-table.js';
import { cell } from '../../src/ui/columns.js';
import type { PodRow } from '../../src/core/client/types.js';

/** Every character the neutraliser must make visible. */
export const HOSTILE_CHARS = [
  '\u001b',
  '\u0007',
  '\u009b',
  '\u009d',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u2060',
  '\u2063',
  '\ufeff',
  '\u00ad',
  '\u2028',
  '\u2029',
  '\u180e',
];

function row(over: Partial<PodRow>): PodRow {
  return {
    key: 'k',
    namespace: 'ns',
    name: 'web',
    ready: '1/1',
    status: 'Running',
    restarts: '0',
    restartCount: 0,
    ageCell: '5m',
    ip: '',
    node: '',
    nominatedNode: '',
    readinessGates: '',
    labels: {},
    ...over,
  };
}

test('neutralize makes C0, C1, bidi and invisible format characters visible', () => {
  for (const ch of HOSTILE_CHARS) {
    const out = neutralize(`a${ch}b`);
    assert.equal(UNSAFE_TEXT.test(out), false, `U+${ch.charCodeAt(0).toString(16)} survived: ${JSON.stringify(out)}`);
    assert.ok(out.startsWith('a') && out.endsWith('b'));
  }
  assert.equal(neutralize('x\u200ey'), 'x<U+200E>y');
  assert.equal(neutralize('\u009b31m'), '<U+009B>31m');
  assert.equal(neutralizeMultiline('a\n\u200fb'), 'a\n<U+200F>b');
  // Ordinary non-ASCII text stays as it is.
  assert.equal(neutralize('café – 日本 ✓'), 'café – 日本 ✓');
});

test('the JSON writer escapes C1, bidi and invisible format characters as \\uXXXX', () => {
  const out = goMarshalIndent({ name: 'a\u009b\u009d\u202e\u200b\u200e\u200f\u061c\ufeff\u00adz' });
  assert.equal(out, '{\n    "name": "a\\u009b\\u009d\\u202e\\u200b\\u200e\\u200f\\u061c\\ufeff\\u00adz"\n}');
  const list = formatKubectlListJson([{ metadata: { name: 'p\u009d0;x\u0007', labels: { ['k\u202e']: 'v\u2066' } } }]);
  assert.equal(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f]/.test(list), false);
  assert.deepEqual(JSON.parse(list).items[0].metadata.labels, { ['k\u202e']: 'v\u2066' });
});

test('every cell of kpods list is neutralised, including invisible format characters', () => {
  const out = formatPodTable([row({ name: 'a\u200bb', ageCell: '\u001b]0;pwned\u0007' })], { allNamespaces: false, wide: false });
  assert.equal(UNSAFE_TEXT.test(out.replace(/\n/g, '')), false, out);
});

test("the browser's AGE cell from a server Table row without an object is neutralised", () => {
  const r = row({ ageCell: '\u001b]0;owned\u0007\u001b[31mred' });
  const text = cell(r, 'age', new Date('2026-01-01T00:00:00Z'));
  assert.equal(UNSAFE_TEXT.test(text), false, text);
  for (const id of ['namespace', 'name', 'ready', 'status', 'restarts', 'ip', 'node', 'nominated', 'gates'] as const) {
    const hostile = row({
      namespace: '\u200e',
      name: '\u202e',
      ready: '\u009b',
      status: '\u2066',
      restarts: '\u200b',
      ip: '\u00ad',
      node: '\ufeff',
      nominatedNode: '\u061c',
      readinessGates: '\u2028',
    });
    assert.equal(UNSAFE_TEXT.test(cell(hostile, id, new Date())), false, id);
  }
});
