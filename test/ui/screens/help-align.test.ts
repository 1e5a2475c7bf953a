/** Issue 10 item 12: the help screen aligns its labels, "PgDn, Ctrl-F" included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEYMAP, displayKey } from '../../../src/ui/keymap.js';
import { helpLines } from '../../../src/ui/screens/help.js';

test('every help line starts its label in the same column', () => {
  const lines = helpLines('table', { demo: true }).filter((l) => !l.startsWith('── '));
  const starts = new Set<number>();
  for (const l of lines) {
    const b = KEYMAP.find((x) => {
      const keys = x.keys.map(displayKey).join(', ');
      return l.startsWith(keys + ' ') && l.slice(keys.length).trim() === x.label;
    });
    assert.ok(b, `a binding for: ${l}`);
    starts.add(l.length - b.label.length);
  }
  assert.equal(starts.size, 1, lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('PgDn, Ctrl-F ')));
});
