/**
 * The status pane at full height (`e` on the table when something failed): every line of the
 * explanation, scrolled with the keymap's keys; `e` or Esc goes back to the table.
 */
import { allPaneLines, StatusPane } from '../StatusPane.js';
import { bindingsOf, displayKey, type Command } from '../keymap.js';
import type { Handler, ScreenDef } from './types.js';
import { paneLimits, type PaneState } from './pane-model.js';

export { paneLimits, type PaneState };

const SCROLL: readonly Command[] = ['down', 'up', 'page-down', 'page-up'];

/** "j k PgDn PgUp scroll", from the keymap. */
function scrollKeys(): string {
  return `${bindingsOf('pane')
    .filter((b) => SCROLL.includes(b.command))
    .map((b) => displayKey(b.keys[0]!))
    .join(' ')} scroll`;
}

/** The limits of the pane screen for the current failure. */
export function paneLimitsOf(failure: Parameters<typeof allPaneLines>[0] | undefined, width: number, height: number) {
  return paneLimits(failure ? allPaneLines(failure, width).length : 1, height);
}

const scrollTo =
  (next: (s: PaneState) => number): Handler<'pane'> =>
  ({ screen, update }) => {
    const scroll = Math.max(0, Math.min(screen.max, next(screen)));
    if (scroll !== screen.scroll) update({ ...screen, scroll });
  };

const close: Handler<'pane'> = ({ ui }) => ui.store.dispatch({ type: 'pop' });

export const paneScreen: ScreenDef<'pane'> = {
  scopes: ['pane'],
  scope: () => 'pane',
  commands: {
    down: scrollTo((s) => s.scroll + 1),
    up: scrollTo((s) => s.scroll - 1),
    'page-down': scrollTo((s) => s.scroll + s.room),
    'page-up': scrollTo((s) => s.scroll - s.room),
    top: scrollTo(() => 0),
    bottom: scrollTo((s) => s.max),
    pane: close,
    back: close,
  },
  View: ({ state, screen, height, width, color }) => (
    <StatusPane
      failure={state.table.failure}
      resolved={state.table.resolved}
      identity={state.identity}
      maxLines={height}
      color={color}
      width={width}
      overRows={state.table.stale && state.table.view.length > 0}
      scroll={screen.scroll}
    />
  ),
  prompt: (screen) => (screen.max > 0 ? scrollKeys() : undefined),
};
