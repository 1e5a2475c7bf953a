/** The first frame kpods writes before Ink loads: the header lines with "connecting…". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstFrame, firstFrameLines } from '../../src/ui/first-frame.js';

const plain = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

test('the first frame shows where kpods points and that it is connecting', () => {
  const lines = firstFrameLines({ context: 'prod', server: 'https://k.example:6443', user: 'ann', namespace: 'shop', columns: 120 });
  assert.deepEqual(lines.map(plain), ['kpods  ctx: prod  server: https://k.example:6443  user: ann', 'ns: shop  │  connecting…']);
  const all = firstFrameLines({ context: 'prod', server: 's', user: 'u', namespace: undefined, columns: 120 });
  assert.equal(plain(all[1]!), 'ns: all  │  connecting…');
});

test('the first frame fits the terminal width and neutralises cluster text', () => {
  const lines = firstFrameLines({ context: 'c\u001b[31mx', server: 'https://' + 'a'.repeat(200), user: 'u', namespace: 'n', columns: 40 });
  for (const l of lines) assert.ok(plain(l).length <= 40, plain(l));
  assert.ok(!plain(lines[0]!).includes('\u001b'), 'no raw escape from the kubeconfig reaches the terminal');
  assert.ok(plain(lines[0]!).endsWith('…'));
});

test('the first frame enters the alternate screen before drawing', () => {
  const bytes = firstFrame({ context: 'c', server: 's', user: 'u', namespace: 'n', columns: 80 });
  assert.ok(bytes.startsWith('\u001b[?1049h'));
  assert.match(plain(bytes), /ns: n {2}│ {2}connecting…$/);
});
