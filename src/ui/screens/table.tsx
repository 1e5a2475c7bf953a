/** The pod table screen: the base screen when a kubeconfig is loaded. */
import { Text } from 'ink';
import { rowSignature } from '../row-finding.js';
import { neutralize } from '../../core/terminal-text.js';
import { openContextPicker, openNamespacePicker, openUserPicker } from '../pickers.js';
import { PodTable } from '../PodTable.js';
import { fg } from '../theme.js';
import { requestSave } from '../save.js';
import { openDetail } from './detail.js';
import { openLogFor } from '../logs-open.js';
import { requestPodAction, requestShell, toggleMark } from '../actions-ui.js';
import type { UiState } from '../state.js';
import { waitingText } from '../waiting.js';
import type { SortKey } from '../rows.js';
import type { CommandContext, Handler, ScreenDef, ScreenViewProps } from './types.js';

type Ctx = CommandContext<'table'>;

/** Navigation on the table: the same handlers serve the filter screen (arrows move the table while typing). */
export const tableNavigation = {
  down: ({ ui }: Ctx | CommandContext<'filter'>) => ui.store.dispatch({ type: 'move', delta: 1 }),
  up: ({ ui }: Ctx | CommandContext<'filter'>) => ui.store.dispatch({ type: 'move', delta: -1 }),
};

const sortBy =
  (key: SortKey): Handler<'table'> =>
  ({ ui }) =>
    ui.store.dispatch({ type: 'sort', key });

/** What the empty table says. */
function emptyText(state: UiState, now: Date): string {
  const t = state.target;
  const waiting = waitingText(state, now);
  if (waiting && (state.table.loading || !state.table.hasData)) return waiting;
  if (state.table.loading) return 'loading pods…';
  if (state.table.failure) return 'no pods to show (see below)';
  return t?.namespace === undefined ? 'No resources found.' : `No resources found in ${neutralize(t.namespace)} namespace.`;
}

/** The table body (also drawn under the filter prompt). */
export function TableView({ state, height, width, now, color }: Omit<ScreenViewProps<'table'>, 'screen'>) {
  const t = state.table;
  // Never more lines than the room: Ink draws lines that do not fit over each other (issue 10 item 8).
  if (height <= 0) return null;
  // The status line under the table (the selected pod's top finding) when there is room for it and a pod to speak of.
  const withLine = height >= 3 && t.view.length > 0;
  const finding = withLine ? statusLine(state) : undefined;
  return (
    <>
      <PodTable
        rows={t.view}
        top={t.top}
        height={Math.max(1, height - (withLine ? 2 : 1))}
        header={height >= 2}
        wideFirst={t.wideFirst === true}
        cursor={t.cursor}
        width={width}
        allNamespaces={state.target !== undefined && state.target.namespace === undefined && state.target.unresolved !== true}
        now={now}
        color={color}
        stale={t.stale}
        empty={emptyText(state, now)}
        sortedBy={t.sort}
        usage={t.metrics?.state === 'available' ? t.usage : undefined}
        marks={state.marks}
        reversed={t.reverse}
        measured={t.sorted}
        measuredSet={t.rows}
      />
      {withLine ? (
        <Text wrap="truncate-end" {...fg(color && 'yellow')}>
          {finding ?? ' '}
        </Text>
      ) : null}
    </>
  );
}

/** The selected pod's top finding (row-finding.ts), when the line found is still about the row under the cursor. */
export function statusLine(state: UiState): string | undefined {
  const row = state.table.view[state.table.cursor];
  const f = state.rowFinding;
  return row && f?.text !== undefined && f.sig === rowSignature(row) ? f.text : undefined;
}

export const tableScreen: ScreenDef<'table'> = {
  scopes: ['table'],
  scope: () => 'table',
  pane: true,
  commands: {
    contexts: ({ ui }) => ui.session && openContextPicker(ui.store, ui.session),
    users: ({ ui }) => ui.session && openUserPicker(ui.store, ui.session),
    namespaces: ({ ui }) => ui.session && openNamespacePicker(ui.store, ui.session),
    filter: ({ ui, state }) => ui.store.dispatch({ type: 'push', screen: { id: 'filter', state: { draft: state.table.filter } } }),
    ...tableNavigation,
    'page-down': ({ ui }) => ui.store.dispatch({ type: 'page', dir: 1 }),
    'page-up': ({ ui }) => ui.store.dispatch({ type: 'page', dir: -1 }),
    top: ({ ui }) => ui.store.dispatch({ type: 'edge', where: 'top' }),
    bottom: ({ ui }) => ui.store.dispatch({ type: 'edge', where: 'bottom' }),
    'sort-name': sortBy('name'),
    'sort-status': sortBy('status'),
    'sort-restarts': sortBy('restarts'),
    'sort-age': sortBy('age'),
    'sort-cpu': sortBy('cpu'),
    'sort-memory': sortBy('memory'),
    logs: ({ ui, state }) => {
      const row = state.table.view[state.table.cursor];
      const client = ui.session?.client;
      if (!row || !client || !ui.session) return ui.store.dispatch({ type: 'message', text: row ? 'not connected' : 'no pod selected' });
      const session = ui.session;
      void openLogFor(ui.store, client, session.target?.server ?? '', row.namespace, row.name, session.signal, () =>
        session.knownNamespaces(),
      );
    },
    refresh: ({ ui }) => ui.session?.refresh(),
    detail: ({ ui }) => openDetail(ui),
    // After a failure the pane is open already: `e` shows all of it, at full height.
    pane: ({ ui, state }) =>
      state.table.failure
        ? ui.store.dispatch({ type: 'push', screen: { id: 'pane', state: { scroll: 0, room: 1, max: 0 } } })
        : ui.store.dispatch({ type: 'pane' }),
    save: ({ ui }) => ui.session && ui.saver && requestSave(ui.store, ui.session, ui.saver),
    mark: ({ ui, state }) => toggleMark(ui, state),
    delete: ({ ui, state }) => requestPodAction(ui, state, 'delete'),
    kill: ({ ui, state }) => requestPodAction(ui, state, 'kill'),
    shell: ({ ui, state }) => requestShell(ui, state),
    back: ({ ui, state }) => {
      if (state.table.filter) {
        ui.store.dispatch({ type: 'filter-set', text: '' });
        ui.session?.setFilter('');
      } else if (state.table.paneOpen) ui.store.dispatch({ type: 'pane', open: false });
    },
  },
  View: (p) => <TableView {...p} />,
};
