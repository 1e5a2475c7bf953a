/**
 * The log screen's state: which log (pod, container, current or previous), the session that
 * reads it (its buffer is mutable and lives outside the store), the view (core/logs/view.ts),
 * the search being typed, a message, and the last size the screen was drawn at.
 */
import type { LogViewState } from '../../core/logs/index.js';
import type { LogSession } from '../log-session.js';

export interface LogsState {
  namespace: string;
  pod: string;
  container?: string | undefined;
  previous: boolean;
  session: LogSession;
  view: LogViewState;
  /** Bumped (at most once a frame) when lines or the status changed: the screen repaints. */
  version: number;
  /** The search being typed after `/` (undefined when not typing). */
  draft?: string | undefined;
  /** A one-line message (e.g. where the buffer was saved). */
  message?: string | undefined;
  /** Rows × columns of the log area when last drawn (the keys page by it). */
  dims: { height: number; width: number };
}

/** "shop/cart-1 › cart (previous)" */
export function logTitle(s: Pick<LogsState, 'namespace' | 'pod' | 'container' | 'previous'>): string {
  return `${s.namespace}/${s.pod}${s.container ? ` › ${s.container}` : ''}${s.previous ? ' (previous)' : ''}`;
}
