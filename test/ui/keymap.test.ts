import { after, before, test } from 'node:test';
import { PassThrough } from 'node:stream';
import assert from 'node:assert/strict';
import {
  bindingsOf,
  displayKey,
  footerHints,
  keyName,
  KEYMAP,
  lookup,
  OTHER,
  SCOPES,
  TEXT,
  type KeyInfo,
  type Scope,
} from '../../src/ui/keymap.js';
import { handleKey, handlerFor } from '../../src/ui/input.js';
import { SCREENS } from '../../src/ui/screens/registry.js';
import { fillPicker, newPicker, pickerQuery } from '../../src/ui/screens/picker-model.js';
import type { UiContext } from '../../src/ui/screens/types.js';
import type { UiSession } from '../../src/ui/session.js';
import { initialState, reduce, type NewScreen, type ScreenId, type UiState } from '../../src/ui/state.js';
import { createStore } from '../../src/ui/store.js';
import { row } from './fake-client.js';
import { detailState } from '../../src/ui/screens/detail-model.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogSession } from '../../src/ui/log-session.js';
import { configureLogs, logSettings } from '../../src/ui/logs-open.js';
import { initialLogView } from '../../src/core/logs/index.js';
import type { LogsState } from '../../src/ui/screens/logs-model.js';
import { PermissionCache } from '../../src/core/actions/index.js';

test('the keymap has the keys the issue asks for, and no key means two things in one scope', () => {
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
  assert.equal(lookup('x', 'picker'), 'type', 'a printable key starts the picker filter');
  assert.equal(lookup('q', 'filter'), 'type', 'text entry types q instead of quitting');
  assert.equal(lookup('ctrl+c', 'filter'), 'quit');
  assert.equal(lookup('n', 'confirm'), 'cancel', 'anything else cancels a confirm');
  for (const scope of Object.keys(SCOPES) as Scope[]) {
    const seen = new Map<string, string>();
    for (const b of bindingsOf(scope))
      for (const k of b.keys) {
        assert.ok(!seen.has(k), `${k} bound twice in ${scope}`);
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

test('every scope belongs to a screen, and every binding of every scope has a handler on its screen', () => {
  const owners = new Map<Scope, ScreenId>();
  for (const [id, def] of Object.entries(SCREENS) as Array<[ScreenId, (typeof SCREENS)[ScreenId]]>)
    for (const s of def.scopes) owners.set(s, id);
  for (const scope of Object.keys(SCOPES) as Scope[]) {
    const id = owners.get(scope);
    assert.ok(id, `scope ${scope} belongs to no screen`);
    for (const b of bindingsOf(scope))
      assert.ok(handlerFor(id, b.command), `${b.keys.join('/')} (${b.command}) is advertised on ${scope} but ${id} has no handler`);
  }
  assert.ok(KEYMAP.every((b) => b.scopes.length > 0));
});

/** A key name as Ink would deliver it. */
function press(name: string): [string, KeyInfo] {
  const named: Record<string, KeyInfo> = {
    up: { upArrow: true },
    down: { downArrow: true },
    pageup: { pageUp: true },
    pagedown: { pageDown: true },
    home: { home: true },
    end: { end: true },
    enter: { return: true },
    escape: { escape: true },
    backspace: { backspace: true },
    tab: { tab: true },
    'shift+tab': { tab: true, shift: true },
  };
  if (named[name]) return ['', named[name]];
  if (name.startsWith('ctrl+')) return [name.slice(5), { ctrl: true }];
  if (name === TEXT) return ['x', {}];
  if (name === OTHER) return ['z', {}];
  return [name, {}];
}

const rows = [row('a1', { status: 'B' }), row('a2', { status: 'A' }), row('a3', { status: 'C' })];
const items = rows.map((r) => ({ id: r.name, label: r.name }));

/** A state with `screen` on top of a table of three rows (cursor in the middle, a filter set). */
function stateWith(screen: NewScreen | undefined, sort: 'name' | 'status'): UiState {
  let s = initialState(sort);
  for (const a of [
    { type: 'viewport', rows: 1 },
    // The metrics API available: the usage sorts (C, M) are offered.
    { type: 'metrics-state', probe: { state: 'available', why: '' } },
    { type: 'pods', rows, at: new Date(0) },
    { type: 'filter-set', text: 'a' },
    { type: 'move', delta: 1 },
  ] as const)
    s = reduce(s, a);
  return screen ? reduce(s, { type: 'push', screen }) : s;
}

// A log saved by a key goes to a folder of this file's own, set while its tests run (not when it is
// imported: the file beside it in the test process may be using the setting then).
let savedDirs: string[] | undefined;
const saveDir = mkdtempSync(join(tmpdir(), 'kpods-keymap-'));
before(() => {
  savedDirs = logSettings.saveDirs;
  configureLogs({ saveDirs: [saveDir] });
});
after(() => {
  logSettings.saveDirs = savedDirs;
  rmSync(saveDir, { recursive: true, force: true });
});
function logsState(draft?: string): LogsState {
  const session = new LogSession(
    { openLog: () => new Promise(() => {}), sleep: () => new Promise(() => {}) },
    { namespace: 'ns', pod: 'a2' },
    {
      bufferLines: 100,
      onChange: () => undefined,
    },
  );
  session.buffer.push(Array.from({ length: 50 }, (_, i) => ({ text: `line ${i} a` })));
  const view = { ...initialLogView(), search: { text: 'a' } };
  return { namespace: 'ns', pod: 'a2', previous: false, session, view, version: 0, dims: { height: 5, width: 40 }, draft };
}

const SETUPS: Record<Scope, NewScreen | undefined | 'noconfig'> = {
  logs: { id: 'logs', state: logsState() },
  'logs.search': { id: 'logs', state: logsState('a') },
  table: undefined,
  filter: { id: 'filter', state: { draft: 'a' } },
  picker: {
    id: 'picker',
    state: {
      ...fillPicker(
        newPicker('P', () => undefined),
        { items },
      ),
      index: 1,
    },
  },
  'picker.typing': {
    id: 'picker',
    state: {
      ...pickerQuery(
        fillPicker(
          newPicker('P', () => undefined),
          { items },
        ),
        'a',
        true,
      ),
      index: 1,
    },
  },
  confirm: { id: 'confirm', state: { title: 'Sure?', lines: [], onConfirm: () => undefined } },
  help: { id: 'help', state: {} },
  // Scrolled into the middle of a pane with room to go either way.
  pane: { id: 'pane', state: { scroll: 2, room: 3, max: 5 } },
  noconfig: 'noconfig',
  detail: { id: 'detail', state: { ...detailState('ns', 'a2'), pod: { metadata: { name: 'a2' } }, search: 'Name', scroll: 5 } },
  'detail.search': { id: 'detail', state: { ...detailState('ns', 'a2'), pod: { metadata: { name: 'a2' } }, search: 'x', searching: true } },
};

test('every key the footer or help advertises on a screen does something there', () => {
  for (const scope of Object.keys(SCOPES) as Scope[]) {
    for (const b of bindingsOf(scope)) {
      for (const key of b.keys) {
        const effects: string[] = [];
        const setup = SETUPS[scope];
        const sort = b.command === 'sort-name' ? 'status' : 'name';
        const base =
          setup === 'noconfig' ? reduce(initialState(), { type: 'base', screen: { id: 'noconfig', state: {} } }) : stateWith(setup, sort);
        const store = createStore(base);
        const session = new Proxy({} as UiSession, {
          get: (_t, prop) => {
            if (prop === 'kubeconfig') return () => ({ contexts: [], users: [] });
            if (prop === 'selection') return { context: 'a' };
            if (prop === 'target' || prop === 'client' || prop === 'health') return undefined;
            if (prop === 'knownNamespaces') return () => [];
            if (prop === 'saveNamespace') return () => 'default';
            return (...args: unknown[]) => effects.push(`session.${String(prop)}(${args.join(',')})`);
          },
        });
        const ui: UiContext = {
          store,
          now: () => new Date(0),
          session,
          saver: { savePreview: () => 'preview', save: async () => ({ ok: true, value: 'ok' }) },
          quit: () => effects.push('quit'),
          demo: () => effects.push('demo'),
          actions: {
            readOnly: () => ({ readonly: false }),
            permissions: new PermissionCache(() => 0),
            shell: ['/bin/sh'],
            stepAside: (fn) => fn(),
            stdin: new PassThrough() as unknown as NodeJS.ReadStream,
            stdout: new PassThrough() as unknown as NodeJS.WriteStream,
          },
        };
        const [input, info] = press(key);
        handleKey(input, info, ui);
        const changed = store.getState() !== base;
        assert.ok(changed || effects.length > 0, `${displayKey(key)} (${b.command}) does nothing on ${scope}`);
      }
    }
  }
});

test('the no-kubeconfig screen advertises only keys that work: d only when the demo can open', () => {
  assert.deepEqual(footerHints('noconfig', { demo: true, actions: true }), ['d demo', '? help', 'q quit']);
  assert.deepEqual(footerHints('noconfig', { demo: false, actions: true }), ['? help', 'q quit']);
  for (const k of ['c', 'u', 'n', '/', 'r', 'e', 's'])
    assert.equal(lookup(k, 'noconfig'), undefined, `${k} is not offered without a kubeconfig`);
  const store = createStore(reduce(initialState(), { type: 'base', screen: { id: 'noconfig', state: {} } }));
  const before = store.getState();
  let quit = 0;
  handleKey('d', {}, { store, quit: () => quit++, now: () => new Date(0) });
  assert.equal(store.getState(), before, 'd without a demo does nothing (and is not advertised)');
  handleKey('q', {}, { store, quit: () => quit++, now: () => new Date(0) });
  assert.equal(quit, 1);
});
