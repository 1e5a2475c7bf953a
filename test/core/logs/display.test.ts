/** Log text on the terminal: escapes shown, never obeyed; SGR colour only when asked, nothing else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayText, expandTabs, segmentsText, sgrSegments } from '../../../src/core/logs/display.js';

test('escape sequences, bells and bidi overrides are shown as text', () => {
  assert.equal(displayText('\u001b[2J\u001b]0;pwned\u0007x'), '^[[2J^[]0;pwned^Gx');
  assert.equal(displayText('a\u202eb'), 'a<U+202E>b');
  assert.equal(displayText('\u001b[31mred\u001b[0m'), '^[[31mred^[[0m');
});

test('tabs expand to the next multiple of 8 columns', () => {
  assert.equal(expandTabs('\tat x'), '        at x');
  assert.equal(expandTabs('abc\td'), 'abc     d');
  assert.equal(displayText('a\tb'), 'a       b');
});

test('with colour on, SGR becomes styles; 256 and true colour; reset', () => {
  const segs = sgrSegments('[\u001b[32minfo\u001b[39m] \u001b[1;38;5;196mbad\u001b[0m \u001b[48;2;0;0;255mblue\u001b[m.');
  assert.deepEqual(segs, [
    { text: '[', style: {} },
    { text: 'info', style: { color: 'green' } },
    { text: '] ', style: {} },
    { text: 'bad', style: { bold: true, color: '#ff0000' } },
    { text: ' ', style: {} },
    { text: 'blue', style: { backgroundColor: '#0000ff' } },
    { text: '.', style: {} },
  ]);
});

test('with colour on, everything but SGR stays visible: cursor moves, erase, titles, clipboard', () => {
  const segs = sgrSegments('\u001b[10A\u001b[K\u001b]52;c;cm0=\u0007\u001b[31mred');
  assert.equal(segmentsText(segs), '^[[10A^[[K^[]52;c;cm0=^Gred');
  assert.deepEqual(segs.at(-1), { text: 'red', style: { color: 'red' } });
  for (const s of segs) assert.doesNotMatch(s.text, /\u001b|\u0007/);
});
