/** Every screen kpods has, by id. A new screen: its state in ScreenStates (../state.ts), its file here, one line below. */
import type { Scope } from '../keymap.js';
import { screenBelow, type ScreenEntry, type UiState } from '../state.js';
import { confirmScreen } from './confirm.js';
import { detailScreen } from './detail.js';
import { filterScreen } from './filter.js';
import { makeHelpScreen } from './help.js';
import { noconfigScreen } from './noconfig.js';
import { pickerScreen } from './picker.js';
import { tableScreen } from './table.js';
import { logsScreen } from './logs.js';
import { paneScreen } from './pane.js';
import type { ScreenDef, ScreenRegistry } from './types.js';

/** The definition of a stack entry's screen. */
export function screenDef(entry: ScreenEntry): ScreenDef<ScreenEntry['id']> {
  return SCREENS[entry.id] as unknown as ScreenDef<ScreenEntry['id']>;
}

/** The key scope active on a stack entry. */
export function scopeOf(entry: ScreenEntry): Scope {
  return screenDef(entry).scope(entry.state);
}

export const SCREENS: ScreenRegistry = {
  table: tableScreen,
  filter: filterScreen,
  picker: pickerScreen,
  confirm: confirmScreen,
  help: makeHelpScreen((s: UiState) => {
    const below = screenBelow(s);
    return below ? scopeOf(below) : undefined;
  }),
  noconfig: noconfigScreen,
  detail: detailScreen,
  logs: logsScreen,
  pane: paneScreen,
};
