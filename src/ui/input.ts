/** Routes one key press through the keymap to the top screen's handler (or a global one). */
import { keyName, lookupBinding, type Capabilities, type Command, type KeyInfo } from './keymap.js';
import { SCREENS, scopeOf } from './screens/registry.js';
import type { CommandContext, Handler, UiContext } from './screens/types.js';
import { topScreen, type NewScreen, type ScreenId, type UiState } from './state.js';
import { actionsEnabled } from './actions-ui.js';

/** What a key does when the top screen does not say otherwise. */
const GLOBAL: Partial<Record<Command, Handler<ScreenId>>> = {
  help: ({ ui, state }) =>
    ui.store.dispatch(topScreen(state).id === 'help' ? { type: 'pop' } : { type: 'push', screen: { id: 'help', state: {} } }),
  quit: ({ ui }) => ui.quit(),
  back: ({ ui }) => ui.store.dispatch({ type: 'pop' }),
};

/** What the running UI can do (decides which bindings are shown and handled); read-only mode takes the actions away. */
export function capabilitiesOf(
  ui: Pick<UiContext, 'demo'> & Partial<Pick<UiContext, 'store' | 'actions'>>,
  state?: Pick<UiState, 'target'>,
): Capabilities {
  const st = state ?? ui.store?.getState();
  return {
    demo: ui.demo !== undefined,
    usage: ui.store?.getState().table.metrics?.state === 'available',
    actions: st !== undefined && actionsEnabled(ui, st),
  };
}

/** The handler a command has on the top screen, if any. */
export function handlerFor(id: ScreenId, command: Command): Handler<ScreenId> | undefined {
  const own = (SCREENS[id].commands as Partial<Record<Command, Handler<ScreenId>>>)[command];
  return own ?? GLOBAL[command];
}

/** One character of a chunk as the key it stands for ("\r" is Enter, DEL is Backspace, ^F is Ctrl-F). */
function charKey(ch: string): [string, KeyInfo] {
  if (ch === '\r' || ch === '\n') return ['', { return: true }];
  if (ch === '\u007f' || ch === '\b') return ['', { backspace: true }];
  if (ch === '\t') return ['', { tab: true }];
  if (ch === '\u001b') return ['', { escape: true }];
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ctrl: true }];
  return [ch, {}];
}

const NAMED: (keyof KeyInfo)[] = [
  'upArrow',
  'downArrow',
  'pageUp',
  'pageDown',
  'home',
  'end',
  'return',
  'escape',
  'tab',
  'backspace',
  'delete',
];

/**
 * Splits what Ink's useInput delivers into single key presses. Ink already cuts a chunk at escape
 * sequences (arrows, PgUp/PgDn, Home/End arrive whole and named), but a paste, fast typing over
 * SSH or a held Backspace arrives as one string: "/web\r", "\x7f\x7f\x7f", "j\r".
 */
export function splitInput(input: string, key: KeyInfo): [string, KeyInfo][] {
  const chars = [...input];
  if (chars.length <= 1 || NAMED.some((k) => key[k])) return [[input, key]];
  return chars.map(charKey);
}

/** Handles what Ink's useInput delivers: a chunk behaves exactly like its keys typed one by one. */
export function handleInput(input: string, key: KeyInfo, ui: UiContext): void {
  for (const [i, k] of splitInput(input, key)) handleKey(i, k, ui);
  // What the keys changed is drawn now (a paste or held key still makes one frame per chunk).
  ui.store.flush();
}

/** Handles one key press. */
export function handleKey(input: string, key: KeyInfo, ui: UiContext): void {
  // Always the latest state: several keys can arrive before the next frame.
  const state = ui.store.getState();
  const top = topScreen(state);
  const name = keyName(input, key);
  if (state.message && top.id === 'table') ui.store.dispatch({ type: 'message' });
  const binding = lookupBinding(name, scopeOf(top), capabilitiesOf(ui, state));
  if (!binding) return;
  const handler = handlerFor(top.id, binding.command);
  if (!handler) return;
  const ctx: CommandContext<ScreenId> = {
    ui,
    state,
    screen: top.state,
    key: top.key,
    input,
    update: (next) => ui.store.dispatch({ type: 'update', key: top.key, screen: { id: top.id, state: next } as NewScreen }),
  };
  handler(ctx);
}
