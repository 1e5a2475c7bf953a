import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayKey, footerHints, keyName, KEYMAP, lookup } from '../../src/ui/keymap.js';

test('the keymap has the keys the issue asks for, and no key means two things on one screen', () => {
  const want: Record<string, string> = {
    c: 'contexts',
    u: 'users',
    n: 'namespaces',
    '/': 'filter',
    escape: 'back',
    j: 'down',
    k: 'up',
    down: 'down',
    up: 'up',
    pagedown: 'page-down',
    pageup: 'page-up',
    g: 'top',
    G: 'bottom',
    r: 'refresh',
    '?': 'help',
    q: 'quit',
    'ctrl+c': 'quit',
  };
  for (const [key, cmd] of Object.entries(want)) assert.equal(lookup(key, 'table'), cmd, key);
  assert.equal(lookup('enter', 'picker'), 'select');
  for (const screen of ['table', 'picker', 'help', 'save'] as const) {
    const seen = new Map<string, string>();
    for (const b of KEYMAP.filter((x) => x.screen === screen))
      for (const k of b.keys) {
        assert.ok(!seen.has(k), `${k} bound twice on ${screen}`);
        seen.set(k, b.command);
      }
  }
});

test('key names from Ink key events, footer hints and display names come from the same table', () => {
  assert.equal(keyName('', { downArrow: true }), 'down');
  assert.equal(keyName('c', { ctrl: true }), 'ctrl+c');
  assert.equal(keyName('\r', { return: true }), 'enter');
  assert.equal(keyName('G', {}), 'G');
  assert.deepEqual(footerHints('table').slice(0, 3), ['c contexts', 'u users', 'n ns']);
  assert.ok(footerHints('table').includes('q quit'));
  assert.ok(footerHints('table').join('  ').length <= 80, 'the footer fits 80 columns');
  assert.equal(displayKey('pagedown'), 'PgDn');
  assert.equal(displayKey('ctrl+c'), 'Ctrl-C');
});
