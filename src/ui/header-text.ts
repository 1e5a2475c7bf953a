/** The header's texts, without Ink: the early frame (early-frame.ts) draws them before Ink is loaded. */
import { humanDuration } from '../core/pods/human-duration.js';
import { neutralize, quoteCapped } from '../core/terminal-text.js';
import { relativeTime } from '../core/client/describe-credential.js';
import type { UiState } from './state.js';
import { waitingText } from './waiting.js';

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
function podCount(ui: UiState): string {
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

/** The second header line: namespace, pod count, marks, identity, expiry, last check, freshness. */
export function secondLine(state: UiState, now: Date, ns: string): string {
  const [fresh, expiry, checked] = headerClock(state, now);
  const marked = [...state.marks].filter((k) => state.table.rows.has(k)).length;
  return [
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
}
