/** The composition root: lays out header, body, status pane and footer; routes keys to commands. */
import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import type { Controller } from './controller.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { Help } from './Help.js';
import { handleInput } from './input.js';
import { Picker } from './Picker.js';
import { PodTable } from './PodTable.js';
import type { UiState } from './state.js';
import { paneHeight, StatusPane } from './StatusPane.js';
import type { Store } from './store.js';
import { useNow } from './use-now.js';
import { useTerminalSize } from './use-terminal-size.js';
import { neutralize } from '../core/terminal-text.js';

export interface AppProps {
  store: Store;
  controller?: Controller;
  color: boolean;
  now: () => Date;
  onQuit: () => void;
  /** Offered when there is no kubeconfig: opens the demo cluster. */
  onDemo?: () => void;
}

/** What the screen shows of a state: frames are skipped when this is unchanged (e.g. off-screen churn). */
export function visibleSignature(s: UiState): unknown[] {
  const lastGoodSecond = s.lastGood ? Math.floor(s.lastGood.getTime() / 1000) : undefined;
  return [
    s.screen,
    s.target,
    s.sort,
    s.filter,
    s.filterDraft,
    s.cursor,
    s.top,
    s.viewport,
    s.loading?.loaded,
    s.loading?.total,
    lastGoodSecond,
    s.stale,
    s.failure,
    s.resolved,
    s.paneOpen,
    s.identity,
    s.expiry,
    s.picker,
    s.savePreview,
    s.message,
    s.view.length,
    s.rows.size,
    ...s.view.slice(s.top, s.top + s.viewport),
  ];
}

function same(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function useStoreState(store: Store): UiState {
  const [state, setState] = useState(store.getState());
  useEffect(() => {
    let shown = visibleSignature(store.getState());
    setState(store.getState());
    return store.subscribe(() => {
      const next = store.getState();
      const sig = visibleSignature(next);
      if (same(sig, shown)) return;
      shown = sig;
      setState(next);
    });
  }, [store]);
  return state;
}

/** The whole screen; never taller than rows − 1 lines. */
export function App({ store, controller, color, now: clock, onQuit, onDemo }: AppProps) {
  const state = useStoreState(store);
  const size = useTerminalSize();
  const now = useNow(clock);
  const budget = Math.max(6, size.rows - 1);
  const body = budget - 3; // header (2) + footer (1)
  const showPane = state.screen === 'table' && (state.failure !== undefined || state.paneOpen || state.resolved !== undefined);
  const paneMax = Math.max(3, state.paneOpen && state.failure ? body - 4 : Math.min(12, Math.floor(body / 2)));
  const paneH = showPane
    ? Math.min(
        paneMax,
        paneHeight({ failure: state.failure, resolved: state.resolved, identity: state.identity, maxLines: paneMax, width: size.columns }),
      )
    : 0;
  const viewport = Math.max(1, body - paneH - 1);

  useEffect(() => {
    if (state.viewport !== viewport) store.dispatch({ type: 'viewport', rows: viewport });
  }, [viewport, state.viewport, store]);

  useEffect(() => {
    if (state.resolved === undefined) return;
    const t = setTimeout(() => store.dispatch({ type: 'resolved-dismiss' }), 3000);
    return () => clearTimeout(t);
  }, [state.resolved, store]);

  useInput((input, key) => handleInput(input, key, { store, controller, onQuit, onDemo }));

  const t = state.target;
  const empty = state.loading
    ? 'loading pods…'
    : state.failure
      ? 'no pods to show (see below)'
      : t?.namespace === undefined
        ? 'No resources found.'
        : `No resources found in ${neutralize(t.namespace)} namespace.`;
  let main;
  if (state.screen === 'help') main = <Help height={body} width={size.columns} />;
  else if (state.screen === 'picker' && state.picker) main = <Picker picker={state.picker} height={body} color={color} />;
  else if (state.screen === 'save')
    main = (
      <>
        <Text bold>Save to the kubeconfig?</Text>
        <Text wrap="truncate-end">{neutralize(state.savePreview ?? '')}</Text>
        <Text>y or Enter saves, Esc cancels</Text>
      </>
    );
  else if (state.screen === 'noconfig')
    main = (
      <>
        <Text bold color={color ? 'red' : undefined} wrap="truncate-end">
          {state.failure ? neutralize(state.failure.summary) : 'No kubeconfig found.'}
        </Text>
        {(state.failure?.hints ?? []).map((h, i) => (
          <Text key={i} wrap="truncate-end">{`→ ${neutralize(h)}`}</Text>
        ))}
        {state.failure?.detail ? <Text wrap="truncate-end">{neutralize(state.failure.detail)}</Text> : null}
        <Text> </Text>
        <Text bold>{onDemo ? 'Press d to open kpods on the built-in demo cluster, q to quit.' : 'Press q to quit.'}</Text>
      </>
    );
  else
    main = (
      <PodTable
        rows={state.view}
        top={state.top}
        height={viewport}
        cursor={state.cursor}
        width={size.columns}
        allNamespaces={t !== undefined && t.namespace === undefined}
        now={now}
        color={color}
        stale={state.stale}
        empty={empty}
        sortedBy={state.sort}
      />
    );
  const footerScreen = state.screen === 'picker' || state.screen === 'help' || state.screen === 'save' ? state.screen : 'table';
  const filterLine = state.screen === 'filter' ? `/${state.filterDraft}▏  (Enter keeps, Esc clears; -l app=web filters labels)` : undefined;
  const counts = state.filter ? `${state.view.length}/${state.rows.size} match "${state.filter}"` : undefined;
  return (
    <Box flexDirection="column" width={size.columns} height={budget}>
      <Header state={state} now={now} width={size.columns} color={color} />
      <Box flexDirection="column" height={body - paneH} overflow="hidden">
        {main}
      </Box>
      {showPane ? (
        <Box flexDirection="column" height={paneH} overflow="hidden">
          <StatusPane
            failure={state.failure}
            resolved={state.resolved}
            identity={state.identity}
            maxLines={paneMax}
            color={color}
            width={size.columns}
          />
        </Box>
      ) : null}
      <Footer screen={footerScreen} message={filterLine ?? state.message ?? counts} />
    </Box>
  );
}
