/** Routes one key press to a command through the keymap (text entry for the filter and pickers). */
import type { Controller } from './controller.js';
import { keyName, lookup, type Command, type KeyInfo } from './keymap.js';
import type { Store } from './store.js';

export interface KeyContext {
  store: Store;
  controller?: Controller;
  onQuit: () => void;
  onDemo?: () => void;
}

function printable(input: string, key: KeyInfo): boolean {
  return !key.ctrl && input.length > 0 && !/[\u0000-\u001f\u007f]/.test(input);
}

/** Applies a navigation command to the table or the open picker; true when it was one. */
function navigate(cmd: Command, ctx: KeyContext, inPicker: boolean): boolean {
  const { store } = ctx;
  const state = store.getState();
  const page = Math.max(1, state.viewport);
  const delta: Partial<Record<Command, number>> = { down: 1, up: -1, 'page-down': page, 'page-up': -page, top: -1e9, bottom: 1e9 };
  const d = delta[cmd];
  if (d === undefined) return false;
  if (inPicker) store.dispatch({ type: 'picker-move', delta: d });
  else if (cmd === 'top' || cmd === 'bottom') store.dispatch({ type: 'edge', where: cmd === 'top' ? 'top' : 'bottom' });
  else if (cmd === 'page-down' || cmd === 'page-up') store.dispatch({ type: 'page', dir: cmd === 'page-down' ? 1 : -1 });
  else store.dispatch({ type: 'move', delta: d });
  return true;
}

/** Handles what Ink's useInput delivers: pasted or fast-typed text arrives as several characters at once. */
export function handleInput(input: string, key: KeyInfo, ctx: KeyContext): void {
  const plainText = input.length > 1 && !key.ctrl && !/[\u0000-\u001f\u007f]/.test(input);
  if (!plainText) return handleKey(input, key, ctx);
  for (const ch of input) handleKey(ch, {}, ctx);
}

/** Handles one key press. */
export function handleKey(input: string, key: KeyInfo, ctx: KeyContext): void {
  const { store, controller } = ctx;
  // Always the latest state: several keys can arrive before the next frame.
  const state = store.getState();
  const name = keyName(input, key);
  if (name === 'ctrl+c') return ctx.onQuit();
  if (state.message && state.screen === 'table') store.dispatch({ type: 'message' });

  if (state.screen === 'noconfig') {
    if (name === 'd' && ctx.onDemo) ctx.onDemo();
    else if (name === 'q' || name === 'escape') ctx.onQuit();
    return;
  }

  if (state.screen === 'filter') {
    if (name === 'enter') {
      store.dispatch({ type: 'filter-apply' });
      controller?.setFilter(state.filterDraft);
    } else if (name === 'escape') {
      store.dispatch({ type: 'filter-cancel' });
      controller?.setFilter('');
    } else if (name === 'backspace') store.dispatch({ type: 'filter-input', text: state.filterDraft.slice(0, -1) });
    else if (name === 'up' || name === 'down') store.dispatch({ type: 'move', delta: name === 'up' ? -1 : 1 });
    else if (printable(input, key)) store.dispatch({ type: 'filter-input', text: state.filterDraft + input });
    return;
  }

  if (state.screen === 'picker' && state.picker?.typing) {
    const p = state.picker;
    if (name === 'enter') controller?.choose();
    else if (name === 'escape') store.dispatch({ type: 'picker-query', query: '', typing: false });
    else if (name === 'backspace') store.dispatch({ type: 'picker-query', query: p.query.slice(0, -1), typing: true });
    else if (name === 'up' || name === 'down') store.dispatch({ type: 'picker-move', delta: name === 'up' ? -1 : 1 });
    else if (printable(input, key)) store.dispatch({ type: 'picker-query', query: p.query + input, typing: true });
    return;
  }

  const screen = state.screen === 'picker' || state.screen === 'help' || state.screen === 'save' ? state.screen : 'table';
  const cmd = lookup(name, screen);
  if (cmd === undefined) {
    // In a picker, typing any other character starts the filter with it.
    if (screen === 'picker' && printable(input, key) && state.picker)
      store.dispatch({ type: 'picker-query', query: input === '/' ? '' : input, typing: true });
    else if (screen === 'save' && name === 'n') store.dispatch({ type: 'screen', screen: 'table' });
    return;
  }
  if (cmd === 'quit') return ctx.onQuit();
  if (cmd === 'help') {
    store.dispatch({ type: 'screen', screen: state.screen === 'help' ? 'table' : 'help' });
    return;
  }
  if (cmd === 'back') {
    if (screen === 'picker') store.dispatch({ type: 'picker-close' });
    else if (screen !== 'table') store.dispatch({ type: 'screen', screen: 'table' });
    else if (state.filter) {
      store.dispatch({ type: 'filter-cancel' });
      controller?.setFilter('');
    } else if (state.paneOpen) store.dispatch({ type: 'pane', open: false });
    return;
  }
  if (screen === 'help') return;
  if (navigate(cmd, ctx, screen === 'picker')) return;
  switch (cmd) {
    case 'select':
      controller?.choose();
      return;
    case 'confirm':
      void controller?.confirmSave();
      return;
    case 'contexts':
    case 'users':
    case 'namespaces':
      controller?.openPicker(cmd);
      return;
    case 'filter':
      store.dispatch({ type: 'filter-start' });
      return;
    case 'refresh':
      controller?.refresh();
      return;
    case 'pane':
      store.dispatch({ type: 'pane' });
      return;
    case 'save':
      controller?.requestSave();
      return;
    case 'sort-name':
    case 'sort-status':
    case 'sort-restarts':
    case 'sort-age':
      store.dispatch({ type: 'sort', key: cmd.slice(5) as 'name' });
      return;
    default:
      return;
  }
}
