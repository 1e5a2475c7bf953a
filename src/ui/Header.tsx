/** The two header lines: where kpods points, who the server says you are, and how fresh the rows are. */
import { fg } from './theme.js';
import { Text } from 'ink';
import { neutralize, quoteCapped } from '../core/terminal-text.js';
import { humanDuration } from '../core/pods/human-duration.js';
import { relativeTime } from '../core/client/describe-credential.js';
import type { UiState } from './state.js';
import { waitingText } from './waiting.js';

export interface HeaderProps {
  state: UiState;
  now: Date;
  width: number;
  color: boolean;
  /** Read-only mode: no action keys; the header says so. */
  readOnly?: boolean;
}

/** "loaded 3,500 of ~10,000" and friends, and what kpods is waiting for ("waiting for the server… 12 s"). */
export function freshness(ui: UiState, now: Date): string {
  const waiting = waitingText(ui, now);
  const fresh = tableFreshness(ui, now);
  if (!waiting) return fresh;
  return fresh === '' || fresh === 'loading…' ? waiting : `${fresh}  │  ${waiting}`;
}

function tableFreshness(ui: UiState, now: Date): string {
  const state = ui.table;
  if (state.loading) {
    const { loaded, total } = state.loading;
    if (loaded === 0) return 'loading…';
    return total
      ? `loaded ${loaded.toLocaleString('en-US')} of ~${total.toLocaleString('en-US')}`
      : `loaded ${loaded.toLocaleString('en-US')}`;
  }
  if (!state.lastGood) return state.failure ? 'no data' : '';
  const ageMs = now.getTime() - state.lastGood.getTime();
  const ago = humanDuration(ageMs);
  if (state.stale) return `STALE: last good refresh ${ago} ago`;
  // Fresh rows are said once, not counted up every second (a count that only restarts would draw a
  // frame a second for nothing); the age shows when it matters: a late refresh, or stale rows.
  const feed = ui.target?.feed;
  if (feed?.watch) return 'watching for changes';
  if (feed && ageMs <= feed.intervalMs + LATE_AFTER_MS) return `refreshed every ${feed.intervalMs / 1000}s`;
  return `updated ${ago} ago`;
}

/** How much later than its interval a polled refresh may arrive before the header says how old the rows are. */
export const LATE_AFTER_MS = 2000;

/**
 * "312 pods", or `28/312 match "web"` while a filter is on (the count is said here only, as k9s
 * says it in its title); nothing before the first list.
 */
export function podCount(ui: UiState): string {
  const t = ui.table;
  if (!t.hasData) return '';
  const n = (k: number): string => k.toLocaleString('en-US');
  if (t.filter.trim() !== '') return `${n(t.view.length)}/${n(t.rows.size)} match ${quoteCapped(neutralize(t.filter), 40)}`;
  return t.rows.size === 1 ? '1 pod' : `${n(t.rows.size)} pods`;
}

/** The header's texts that change with the clock: freshness, credential expiry, the last context check. */
export function headerClock(state: UiState, now: Date): [string, string, string] {
  const t = state.target;
  const expiry = state.expiry ? `credential ${relativeTime(state.expiry, now)}` : '';
  const checked =
    state.contextOkAt && t && !t.userOverridden
      ? `context checked ok ${humanDuration(now.getTime() - state.contextOkAt.getTime())} ago`
      : '';
  return [freshness(state, now), expiry, checked];
}

/** The header. */
export function Header({ state, now, width, color, readOnly }: HeaderProps) {
  const t = state.target;
  const ctx = t ? neutralize(t.context) : '-';
  const user = t && t.user !== '' ? neutralize(t.user) + (t.userOverridden ? ' (override)' : '') : '-';
  const ns = t ? (t.namespace !== undefined ? neutralize(t.namespace) : t.unresolved ? '-' : 'all') : '-';
  const [fresh, expiry, checked] = headerClock(state, now);
  const marked = [...state.marks].filter((k) => state.table.rows.has(k)).length;
  const second = [
    `ns: ${ns}`,
    podCount(state),
    marked ? `${marked} marked` : '',
    state.identity ? `you are: ${state.identity}` : '',
    expiry,
    checked,
    fresh,
  ]
    .filter((x) => x !== '')
    .join('  │  ');
  return (
    <>
      <Text wrap="truncate-end">
        <Text bold>kpods</Text>
        {readOnly ? (
          <Text bold {...fg(color ? 'red' : undefined)}>
            {'  READ-ONLY'}
          </Text>
        ) : null}
        {'  ctx: '}
        <Text bold>{ctx}</Text>
        {'  server: '}
        {t ? neutralize(t.server) || '-' : '-'}
        {'  user: '}
        <Text {...fg(color && t?.userOverridden === true && 'magenta')}>{user}</Text>
      </Text>
      <Text wrap="truncate-end" {...fg(color && state.table.stale && 'red')}>
        {second.slice(0, Math.max(0, width * 2))}
      </Text>
    </>
  );
}
