/** Lays out header, the top screen's body, the status pane and the footer; routes keys to the top screen. */
import { Box, useInput } from 'ink';
import { useEffect, useMemo } from 'react';
import { Footer } from './Footer.js';
import { activityText } from './activity.js';
import { Header } from './Header.js';
import { headerClock } from './header-text.js';
import { ageCell } from './age.js';
import type { ActionsContext } from './actions-ui.js';
import { capabilitiesOf, handleInput } from './input.js';
import type { SaveDeps } from './save.js';
import { screenDef, scopeOf } from './screens/registry.js';
import type { UiContext } from './screens/types.js';
import type { UiSession } from './session.js';
import { topScreen, type UiState } from './state.js';
import { paneHeight, StatusPane } from './StatusPane.js';
import { paneLimitsOf } from './screens/pane.js';
import type { Store } from './store.js';
import { useFrame } from './use-frame.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  store: Store;
  session?: UiSession | undefined;
  saver?: SaveDeps | undefined;
  color: boolean;
  now: () => Date;
  onQuit: () => void;
  /** Offered when there is no kubeconfig: opens the demo cluster. */
  onDemo?: (() => void) | undefined;
  /** Acting on pods (delete, kill, marks, shell). */
  actions?: ActionsContext | undefined;
}

/**
 * What the screen shows of a state at a time: frames are skipped when this is unchanged (off-screen
 * churn, a refresh with the same rows, a clock tick that changes no text on screen).
 */
export function visibleSignature(s: UiState, now: Date): unknown[] {
  const t = s.table;
  return [
    s.stack,
    s.target,
    s.identity,
    s.expiry,
    s.message,
    s.activity,
    s.marks,
    s.waitingPlugin,
    s.rowFinding,
    t.sort,
    t.filter,
    t.cursor,
    t.top,
    t.viewport,
    t.loading?.loaded,
    t.loading?.total,
    t.stale,
    t.failure,
    t.resolved,
    t.paneOpen,
    t.metrics,
    t.usage,
    // The header's times (freshness, waiting, expiry), the footer's activity and the visible AGE cells.
    clockText(s, now),
    ...t.view.slice(t.top, t.top + t.viewport),
  ];
}

/**
 * What the screen shows that may be drawn up to 2 s late when nothing else changed: the pod count
 * (pods coming and going off screen would otherwise draw a frame for each flicker of the count).
 */
export function slowSignature(s: UiState): unknown[] {
  return [s.table.rows.size, s.table.view.length];
}

/**
 * What the clock changes on screen at `at`: the header's times and, on the table, the visible AGE
 * cells (other screens: the time itself, so every tick draws as before).
 */
export function clockText(s: UiState, at: Date): string {
  if (topScreen(s).id !== 'table') return String(at.getTime());
  const t = s.table;
  const ages = t.view.slice(t.top, t.top + t.viewport).map((r) => (r.createdAt ? ageCell(r, at) : ''));
  return [...headerClock(s, at), s.activity ? activityText(s.activity, at) : '', ...ages].join('\n');
}

/** The whole screen; never taller than rows − 1 lines. */
export function App({ store, session, saver, color, now: clock, onQuit, onDemo, actions }: AppProps) {
  const { state, now } = useFrame(store, clock, visibleSignature, 1000, slowSignature);
  const size = useTerminalSize();
  const ui: UiContext = useMemo(
    () => ({ store, session, saver, quit: onQuit, now: clock, demo: onDemo, actions }),
    [store, session, saver, onQuit, clock, onDemo, actions],
  );
  const caps = capabilitiesOf(ui, state);
  const readOnly = actions?.readOnly(state.target);
  const top = topScreen(state);
  const def = screenDef(top);
  const t = state.table;
  const budget = Math.max(6, size.rows - 1);
  const body = budget - 3; // header (2) + footer (1)
  const showPane = def.pane === true && (t.failure !== undefined || t.paneOpen || t.resolved !== undefined);
  // The pane takes the room the table does not need (header, rows and status line, or header and its one "no pods" line).
  const tableNeeds = t.view.length > 0 ? 2 + t.view.length : 2;
  const paneMax = Math.max(
    3,
    t.paneOpen && t.failure ? body - 4 : Math.min(body - 2, Math.max(Math.min(12, Math.floor(body / 2)), body - tableNeeds)),
  );
  const paneH = showPane
    ? Math.min(
        paneMax,
        paneHeight({ failure: t.failure, resolved: t.resolved, identity: state.identity, maxLines: paneMax, width: size.columns }),
      )
    : 0;
  // The table's window (rows): what the table screen shows when it is on top (or under a prompt).
  const viewport = Math.max(1, body - (def.pane ? paneH : 0) - 2); // the table's header and status line

  useEffect(() => {
    if (t.viewport !== viewport) store.dispatch({ type: 'viewport', rows: viewport });
  }, [viewport, t.viewport, store]);

  useEffect(() => {
    if (t.resolved === undefined) return;
    const timer = setTimeout(() => store.dispatch({ type: 'resolved-dismiss' }), 3000);
    return () => clearTimeout(timer);
  }, [t.resolved, store]);

  // The full-height pane scrolls within limits that depend on the failure, the width and the height.
  useEffect(() => {
    if (top.id !== 'pane') return;
    const limits = paneLimitsOf(t.failure, size.columns, body);
    if (limits.room !== top.state.room || limits.max !== top.state.max)
      store.dispatch({ type: 'update', key: top.key, screen: { id: 'pane', state: { ...top.state, ...limits } } });
  }, [top, t.failure, size.columns, body, store]);

  useInput((input, key) => handleInput(input, key, ui));

  const prompt = def.prompt?.(top.state, state);
  const View = def.View;
  return (
    <Box flexDirection="column" width={size.columns} height={budget}>
      <Header state={state} now={now} width={size.columns} color={color} readOnly={readOnly?.readonly === true} />
      <Box flexDirection="column" height={body - paneH} overflowY="hidden">
        <View state={state} screen={top.state} height={body - paneH} width={size.columns} now={now} color={color} caps={caps} />
      </Box>
      {showPane ? (
        <Box flexDirection="column" height={paneH} overflowY="hidden">
          <StatusPane
            failure={t.failure}
            resolved={t.resolved}
            identity={state.identity}
            maxLines={paneMax}
            color={color}
            width={size.columns}
            overRows={t.stale && t.view.length > 0}
          />
        </Box>
      ) : null}
      <Footer
        scope={scopeOf(top)}
        caps={caps}
        prompt={prompt}
        message={state.message ?? (state.activity ? activityText(state.activity, now) : undefined)}
      />
    </Box>
  );
}
