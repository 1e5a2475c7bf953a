/** Typing the `/` filter: the table stays visible and filters live; Enter keeps, Esc clears. */
import { tableNavigation, TableView } from './table.js';
import type { ScreenDef } from './types.js';

export const filterScreen: ScreenDef<'filter'> = {
  scopes: ['filter'],
  scope: () => 'filter',
  commands: {
    type: ({ ui, screen, input, update }) => {
      update({ draft: screen.draft + input });
      ui.store.dispatch({ type: 'filter-set', text: screen.draft + input });
    },
    erase: ({ ui, screen, update }) => {
      update({ draft: screen.draft.slice(0, -1) });
      ui.store.dispatch({ type: 'filter-set', text: screen.draft.slice(0, -1) });
    },
    ...tableNavigation,
    apply: ({ ui, screen }) => {
      ui.store.dispatch({ type: 'pop' });
      ui.session?.setFilter(screen.draft);
    },
    back: ({ ui }) => {
      ui.store.dispatch({ type: 'pop' });
      ui.store.dispatch({ type: 'filter-set', text: '' });
      ui.session?.setFilter('');
    },
  },
  View: (p) => <TableView {...p} />,
  prompt: (screen) => `/${screen.draft}▏  (-l app=web filters labels)`,
};
