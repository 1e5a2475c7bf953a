/** The one keymap: it drives key handling, the `?` help screen and the footer. */

/** Where a binding applies. 'any' bindings work on every screen that does not take text. */
export type KeyScreen = 'table' | 'picker' | 'help' | 'save' | 'any';

/** Named commands the App knows how to perform. */
export type Command =
  | 'contexts'
  | 'users'
  | 'namespaces'
  | 'filter'
  | 'back'
  | 'select'
  | 'down'
  | 'up'
  | 'page-down'
  | 'page-up'
  | 'top'
  | 'bottom'
  | 'refresh'
  | 'help'
  | 'quit'
  | 'save'
  | 'confirm'
  | 'pane'
  | 'sort-name'
  | 'sort-status'
  | 'sort-restarts'
  | 'sort-age';

export interface Binding {
  keys: string[];
  command: Command;
  label: string;
  screen: KeyScreen;
  /** The footer's short label (bindings without one appear only on the help screen). */
  footer?: string;
}

/** Every key kpods understands, in help-screen order. */
export const KEYMAP: readonly Binding[] = [
  { keys: ['c'], command: 'contexts', label: 'contexts', screen: 'table', footer: 'contexts' },
  { keys: ['u'], command: 'users', label: 'users', screen: 'table', footer: 'users' },
  { keys: ['n'], command: 'namespaces', label: 'namespaces', screen: 'table', footer: 'ns' },
  { keys: ['/'], command: 'filter', label: 'filter: name or -l a=b', screen: 'table', footer: 'filter' },
  { keys: ['j', 'down'], command: 'down', label: 'down', screen: 'any' },
  { keys: ['k', 'up'], command: 'up', label: 'up', screen: 'any' },
  { keys: ['pagedown', 'ctrl+f'], command: 'page-down', label: 'page down', screen: 'any' },
  { keys: ['pageup', 'ctrl+b'], command: 'page-up', label: 'page up', screen: 'any' },
  { keys: ['g', 'home'], command: 'top', label: 'first row', screen: 'any' },
  { keys: ['G', 'end'], command: 'bottom', label: 'last row', screen: 'any' },
  { keys: ['N'], command: 'sort-name', label: 'sort by name', screen: 'table' },
  { keys: ['S'], command: 'sort-status', label: 'sort by status', screen: 'table' },
  { keys: ['R'], command: 'sort-restarts', label: 'sort by restarts', screen: 'table' },
  { keys: ['A'], command: 'sort-age', label: 'sort by age', screen: 'table' },
  { keys: ['r'], command: 'refresh', label: 'refresh now', screen: 'table', footer: 'refresh' },
  { keys: ['e'], command: 'pane', label: 'status pane (toggle)', screen: 'table', footer: 'pane' },
  { keys: ['s'], command: 'save', label: 'save ctx+ns to kubeconfig', screen: 'table', footer: 'save' },
  { keys: ['enter'], command: 'select', label: 'select', screen: 'picker', footer: 'choose' },
  { keys: ['y', 'enter'], command: 'confirm', label: 'confirm save', screen: 'save', footer: 'save' },
  { keys: ['escape'], command: 'back', label: 'back / clear filter', screen: 'any' },
  { keys: ['?'], command: 'help', label: 'help', screen: 'any', footer: 'help' },
  { keys: ['q', 'ctrl+c'], command: 'quit', label: 'quit', screen: 'any', footer: 'quit' },
];

/** The subset of Ink's key object kpods reads. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  backspace?: boolean;
  delete?: boolean;
  tab?: boolean;
}

/** Names an Ink key event the way KEYMAP writes keys ("j", "G", "down", "ctrl+c", "enter"). */
export function keyName(input: string, key: KeyInfo): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.backspace || key.delete) return 'backspace';
  if (key.tab) return 'tab';
  if (key.ctrl) return `ctrl+${input}`;
  return input;
}

/** The command bound to `name` on `screen`, screen-specific bindings first. */
export function lookup(name: string, screen: KeyScreen): Command | undefined {
  const own = KEYMAP.find((b) => b.screen === screen && b.keys.includes(name));
  if (own) return own.command;
  return KEYMAP.find((b) => b.screen === 'any' && b.keys.includes(name))?.command;
}

/** Short labels for the footer: "c contexts  u users …". */
export function footerHints(screen: KeyScreen): string[] {
  return KEYMAP.filter((b) => b.footer && (b.screen === screen || b.screen === 'any')).map((b) => `${displayKey(b.keys[0]!)} ${b.footer}`);
}

/** How a key is written on screen. */
export function displayKey(k: string): string {
  const names: Record<string, string> = {
    enter: 'Enter',
    escape: 'Esc',
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
  };
  if (names[k]) return names[k]!;
  if (k.startsWith('ctrl+')) return `Ctrl-${k.slice(5).toUpperCase()}`;
  return k;
}
