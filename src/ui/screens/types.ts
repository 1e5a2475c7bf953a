/**
 * What a screen is: the key scopes it uses, what each command does on it, and how it renders.
 * Screens are registered in registry.ts; their state type is declared in ../state.ts (ScreenStates).
 */
import type { ReactNode } from 'react';
import type { Capabilities, Command, Scope } from '../keymap.js';
import type { ActionsContext } from '../actions-context.js';
import type { SaveDeps } from '../save.js';
import type { UiSession } from '../session.js';
import type { ScreenId, ScreenStates, UiState } from '../state.js';
import type { Store } from '../store.js';

/** Everything a command handler may use: the store, the session, the app's own actions. */
export interface UiContext {
  store: Store;
  /** The cluster session (absent on the no-kubeconfig screen and in some component tests). */
  session?: UiSession | undefined;
  /** Writes the kubeconfig (save). */
  saver?: SaveDeps | undefined;
  quit(): void;
  /** The injected clock (handlers never read the system clock themselves). */
  now(): Date;
  /** Opens the demo cluster (offered when there is no kubeconfig). */
  demo?: (() => void) | undefined;
  /** Acting on pods (delete, kill, marks, shell); absent: no action keys. */
  actions?: ActionsContext | undefined;
}

/** What a command handler receives. */
export interface CommandContext<K extends ScreenId> {
  ui: UiContext;
  /** The whole state when the key arrived. */
  state: UiState;
  /** This screen's state. */
  screen: ScreenStates[K];
  /** This screen's key on the stack. */
  key: number;
  /** The key as typed (the character for `type`). */
  input: string;
  /** Replaces this screen's state. */
  update(next: ScreenStates[K]): void;
}

export type Handler<K extends ScreenId> = (c: CommandContext<K>) => void;

export interface ScreenViewProps<K extends ScreenId> {
  state: UiState;
  screen: ScreenStates[K];
  height: number;
  width: number;
  now: Date;
  color: boolean;
  caps: Capabilities;
}

export interface ScreenDef<K extends ScreenId> {
  /** Every key scope this screen uses (the keymap completeness test checks each). */
  scopes: readonly Scope[];
  /** The scope active now (screens with modes switch, e.g. the picker while typing). */
  scope(screen: ScreenStates[K]): Scope;
  /** What each command of its scopes does here. Commands missing here fall back to the global ones (help, quit, back = close). */
  commands: Partial<Record<Command, Handler<K>>>;
  /** The body below the header. */
  View(props: ScreenViewProps<K>): ReactNode;
  /** The status pane shows under this screen. */
  pane?: boolean;
  /** Text before the footer's key hints (e.g. the filter being typed). */
  prompt?(screen: ScreenStates[K], state: UiState): string | undefined;
}

/** Every registered screen, by id. */
export type ScreenRegistry = { [K in ScreenId]: ScreenDef<K> };
