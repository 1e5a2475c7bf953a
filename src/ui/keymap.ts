/**
 * The one keymap: every key of every screen, text entry included. Key handling (input.ts), the
 * footer and the `?` help screen are all generated from it, so a screen can only advertise a key
 * it handles (test/ui/keymap.test.ts presses every advertised key on its screen). Key names: key-names.ts.
 */
import { displayKey, isPrintable, OTHER, TEXT } from './key-names.js';

export { displayKey, keyName, OTHER, TEXT, type KeyInfo } from './key-names.js';

/**
 * A key scope: the keys that apply at one moment. Each screen declares the scopes it uses (a
 * screen with modes, like the picker while typing a filter, has one scope per mode).
 */
export type Scope =
  | 'table'
  | 'filter'
  | 'picker'
  | 'picker.typing'
  | 'confirm'
  | 'help'
  | 'noconfig'
  | 'detail'
  | 'detail.search'
  | 'logs'
  | 'logs.search'
  | 'pane';

/** Pseudo-scopes: `always` bindings work everywhere; `global` ones on scopes that take globals. */
type BindingScope = Scope | 'global' | 'always';

interface ScopeInfo {
  /** The help screen's heading for this scope. */
  title: string;
  /** Whether the `global` bindings (? help, q quit) apply. Text-entry scopes type those keys instead. */
  globals: boolean;
}

export const SCOPES: Record<Scope, ScopeInfo> = {
  table: { title: 'Pod table', globals: true },
  filter: { title: 'Filter (typing after /)', globals: false },
  picker: { title: 'Picker', globals: true },
  'picker.typing': { title: 'Picker (typing a filter)', globals: false },
  confirm: { title: 'Confirm', globals: false },
  help: { title: 'Help', globals: true },
  noconfig: { title: 'No kubeconfig', globals: true },
  detail: { title: 'Pod detail', globals: true },
  'detail.search': { title: 'Pod detail (typing a search)', globals: false },
  logs: { title: 'Log', globals: true },
  'logs.search': { title: 'Log (typing a search after /)', globals: false },
  pane: { title: 'Status pane at full height', globals: true },
};

/** Named commands; each screen maps the commands of its scopes to what they do. */
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
  | 'cancel'
  | 'pane'
  | 'sort-name'
  | 'sort-status'
  | 'sort-restarts'
  | 'sort-age'
  | 'sort-cpu'
  | 'sort-memory'
  | 'type'
  | 'erase'
  | 'apply'
  | 'demo'
  | 'detail'
  | 'next-section'
  | 'prev-section'
  | 'section'
  | 'yaml'
  | 'managed-fields'
  | 'search'
  | 'next-hit'
  | 'only-working'
  | 'logs'
  | 'previous'
  | 'follow'
  | 'timestamps'
  | 'wrap'
  | 'colour'
  | 'next-match'
  | 'prev-match'
  | 'delete'
  | 'kill'
  | 'mark'
  | 'shell';

/** What the running kpods can do; a binding whose `when` is false is neither handled nor shown. */
export interface Capabilities {
  /** The built-in demo cluster can be opened (the no-kubeconfig screen's `d`). */
  demo: boolean;
  /** The metrics API serves usage for the current target (the usage columns and their sorts). */
  usage?: boolean;
  /** Acting on pods (delete, kill, marks, shell): false in read-only mode, which hides every action key. */
  actions?: boolean;
}

export interface Binding {
  keys: string[];
  command: Command;
  label: string;
  scopes: BindingScope[];
  /** The footer's short label (bindings without one appear only on the help screen). */
  footer?: string;
  when?: (caps: Capabilities) => boolean;
}

const NAV: Scope[] = ['table', 'picker', 'logs', 'pane'];

/** Every key kpods understands, in help-screen order. */
export const KEYMAP: readonly Binding[] = [
  { keys: ['c'], command: 'contexts', label: 'contexts', scopes: ['table'], footer: 'contexts' },
  { keys: ['u'], command: 'users', label: 'users', scopes: ['table'], footer: 'users' },
  { keys: ['n'], command: 'namespaces', label: 'namespaces', scopes: ['table'], footer: 'ns' },
  { keys: ['/'], command: 'filter', label: 'filter: name or -l a=b', scopes: ['table'], footer: 'filter' },
  { keys: ['/'], command: 'filter', label: 'filter the list', scopes: ['picker'] },
  { keys: ['j', 'down'], command: 'down', label: 'down', scopes: NAV },
  { keys: ['k', 'up'], command: 'up', label: 'up', scopes: NAV },
  { keys: ['pagedown', 'ctrl+f'], command: 'page-down', label: 'page down', scopes: NAV },
  { keys: ['pageup', 'ctrl+b'], command: 'page-up', label: 'page up', scopes: NAV },
  { keys: ['g', 'home'], command: 'top', label: 'first row', scopes: NAV },
  { keys: ['G', 'end'], command: 'bottom', label: 'last row', scopes: NAV },
  { keys: ['N'], command: 'sort-name', label: 'sort by name', scopes: ['table'] },
  { keys: ['S'], command: 'sort-status', label: 'sort by status', scopes: ['table'] },
  { keys: ['R'], command: 'sort-restarts', label: 'sort by restarts', scopes: ['table'] },
  { keys: ['A'], command: 'sort-age', label: 'sort by age', scopes: ['table'] },
  { keys: ['C'], command: 'sort-cpu', label: 'sort by CPU (most first)', scopes: ['table'], when: (c) => c.usage === true },
  { keys: ['M'], command: 'sort-memory', label: 'sort by memory (most first)', scopes: ['table'], when: (c) => c.usage === true },
  { keys: ['l'], command: 'logs', label: "the pod's log", scopes: ['table'], footer: 'logs' },
  { keys: ['r'], command: 'refresh', label: 'refresh now', scopes: ['table'] },
  { keys: ['e'], command: 'pane', label: 'status pane (toggle; after a failure: at full height)', scopes: ['table'] },
  { keys: ['w'], command: 'save', label: 'write ctx+ns to kubeconfig', scopes: ['table'] },
  { keys: ['s'], command: 'shell', label: 'shell in the container', scopes: ['table'], footer: 'shell', when: (c) => c.actions === true },
  { keys: [' '], command: 'mark', label: 'mark / unmark the pod', scopes: ['table'], when: (c) => c.actions === true },
  {
    keys: ['ctrl+d'],
    command: 'delete',
    label: 'delete the pod(s), asks first',
    scopes: ['table'],
    footer: 'del',
    when: (c) => c.actions === true,
  },
  { keys: ['ctrl+k'], command: 'kill', label: 'kill the pod(s) at once, asks first', scopes: ['table'], when: (c) => c.actions === true },
  { keys: ['escape'], command: 'back', label: 'clear filter / close pane', scopes: ['table'] },
  { keys: ['enter', 'd'], command: 'detail', label: 'pod detail and diagnosis', scopes: ['table'] },
  { keys: ['tab'], command: 'next-section', label: 'next section', scopes: ['detail'], footer: 'section' },
  { keys: ['shift+tab'], command: 'prev-section', label: 'previous section', scopes: ['detail'] },
  { keys: ['1', '2', '3', '4'], command: 'section', label: 'overview, containers, conditions, events', scopes: ['detail'] },
  { keys: ['y'], command: 'yaml', label: 'YAML (toggle)', scopes: ['detail'], footer: 'yaml' },
  { keys: ['m'], command: 'managed-fields', label: 'managedFields in the YAML (toggle)', scopes: ['detail'] },
  { keys: ['/'], command: 'search', label: 'search in the view', scopes: ['detail'], footer: 'search' },
  { keys: ['n'], command: 'next-hit', label: 'next match', scopes: ['detail'] },
  { keys: ['j', 'down'], command: 'down', label: 'scroll down', scopes: ['detail'] },
  { keys: ['k', 'up'], command: 'up', label: 'scroll up', scopes: ['detail'] },
  { keys: ['pagedown', 'ctrl+f'], command: 'page-down', label: 'page down', scopes: ['detail'] },
  { keys: ['pageup', 'ctrl+b'], command: 'page-up', label: 'page up', scopes: ['detail'] },
  { keys: ['escape'], command: 'back', label: 'back to the table', scopes: ['detail'], footer: 'back' },
  { keys: ['enter'], command: 'apply', label: 'find', scopes: ['detail.search'], footer: 'find' },
  { keys: ['escape'], command: 'back', label: 'cancel the search', scopes: ['detail.search'], footer: 'cancel' },
  { keys: ['backspace'], command: 'erase', label: 'erase a character', scopes: ['detail.search'] },
  { keys: [TEXT], command: 'type', label: 'type', scopes: ['detail.search'] },
  { keys: ['enter'], command: 'select', label: 'choose', scopes: ['picker', 'picker.typing'], footer: 'choose' },
  { keys: ['escape'], command: 'back', label: 'close', scopes: ['picker'], footer: 'close' },
  { keys: ['tab'], command: 'only-working', label: 'only working contexts (toggle)', scopes: ['picker'], footer: 'only working' },
  { keys: ['r'], command: 'refresh', label: 'check the contexts again', scopes: ['picker'] },
  { keys: [TEXT], command: 'type', label: 'start typing a filter', scopes: ['picker'] },
  { keys: ['escape'], command: 'back', label: 'clear the typed filter', scopes: ['picker.typing'], footer: 'clear' },
  { keys: ['down'], command: 'down', label: 'down', scopes: ['picker.typing', 'filter'] },
  { keys: ['up'], command: 'up', label: 'up', scopes: ['picker.typing', 'filter'] },
  { keys: ['backspace'], command: 'erase', label: 'erase a character', scopes: ['picker.typing', 'filter'] },
  { keys: [TEXT], command: 'type', label: 'type', scopes: ['picker.typing', 'filter'] },
  { keys: ['enter'], command: 'apply', label: 'keep the filter', scopes: ['filter'], footer: 'keep' },
  { keys: ['escape'], command: 'back', label: 'clear the filter', scopes: ['filter'], footer: 'clear' },
  { keys: ['y', 'enter'], command: 'confirm', label: 'confirm', scopes: ['confirm'], footer: 'confirm' },
  { keys: [OTHER], command: 'cancel', label: 'cancel', scopes: ['confirm'], footer: 'cancel' },
  { keys: ['escape'], command: 'back', label: 'back', scopes: ['help'], footer: 'back' },
  { keys: ['f'], command: 'follow', label: 'follow on/off (off: hold the view, count new lines)', scopes: ['logs'], footer: 'follow' },
  { keys: ['p'], command: 'previous', label: "previous container's log (again: current)", scopes: ['logs'], footer: 'previous' },
  { keys: ['t'], command: 'timestamps', label: 'timestamps on/off', scopes: ['logs'], footer: 'time' },
  { keys: ['w'], command: 'wrap', label: 'wrap long lines on/off', scopes: ['logs'], footer: 'wrap' },
  { keys: ['c'], command: 'colour', label: "render the log's colours (SGR only) on/off", scopes: ['logs'] },
  { keys: ['/'], command: 'filter', label: 'search', scopes: ['logs'], footer: 'search' },
  { keys: ['n'], command: 'next-match', label: 'next match', scopes: ['logs'] },
  { keys: ['N'], command: 'prev-match', label: 'previous match', scopes: ['logs'] },
  { keys: ['s'], command: 'save', label: 'save the buffer to a file', scopes: ['logs'], footer: 'save' },
  { keys: ['escape'], command: 'back', label: 'back to the table', scopes: ['logs'], footer: 'back' },
  { keys: ['e'], command: 'pane', label: 'back to the table', scopes: ['pane'] },
  { keys: ['escape'], command: 'back', label: 'back to the table', scopes: ['pane'], footer: 'back' },
  { keys: ['enter'], command: 'apply', label: 'search', scopes: ['logs.search'], footer: 'search' },
  { keys: ['escape'], command: 'back', label: 'cancel', scopes: ['logs.search'], footer: 'cancel' },
  { keys: ['backspace'], command: 'erase', label: 'erase a character', scopes: ['logs.search'] },
  { keys: [TEXT], command: 'type', label: 'type', scopes: ['logs.search'] },
  { keys: ['d'], command: 'demo', label: 'open the demo cluster', scopes: ['noconfig'], footer: 'demo', when: (c) => c.demo },
  { keys: ['?'], command: 'help', label: 'help (toggle)', scopes: ['global'], footer: 'help' },
  { keys: ['q'], command: 'quit', label: 'quit', scopes: ['global'], footer: 'quit' },
  { keys: ['ctrl+c'], command: 'quit', label: 'quit', scopes: ['always'] },
];

const everyCapability: Capabilities = { demo: true, usage: true, actions: true };

/** The bindings that apply in `scope`, in lookup order: its own, then `global` (if taken), then `always`. */
export function bindingsOf(scope: Scope, caps: Capabilities = everyCapability): Binding[] {
  const on = (s: BindingScope): Binding[] => KEYMAP.filter((b) => b.scopes.includes(s) && (b.when?.(caps) ?? true));
  return [...on(scope), ...(SCOPES[scope].globals ? on('global') : []), ...on('always')];
}

/** The binding that a key named `name` triggers in `scope`: an exact key, then `text`, then `other`. */
export function lookupBinding(name: string, scope: Scope, caps?: Capabilities): Binding | undefined {
  const all = bindingsOf(scope, caps);
  return (
    all.find((b) => b.keys.includes(name)) ??
    (isPrintable(name) ? all.find((b) => b.keys.includes(TEXT)) : undefined) ??
    all.find((b) => b.keys.includes(OTHER))
  );
}

/** The command bound to `name` in `scope`. */
export function lookup(name: string, scope: Scope, caps?: Capabilities): Command | undefined {
  return lookupBinding(name, scope, caps)?.command;
}

/** Short labels for the footer: "c contexts  u users …". */
export function footerHints(scope: Scope, caps?: Capabilities): string[] {
  return bindingsOf(scope, caps)
    .filter((b) => b.footer)
    .map((b) => `${displayKey(b.keys[0]!)} ${b.footer}`);
}
