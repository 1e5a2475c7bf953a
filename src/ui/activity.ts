/**
 * What kpods is doing while the table waits (issue 10 item 10): the footer says it instead of
 * staying silent. The session records it as state; the footer turns it into words each second.
 */
import { STATUS_CODES } from 'node:http';

export type Activity =
  /** `r` was pressed: a list is on its way. */
  | { kind: 'refreshing' }
  /** The client got a 429/5xx with Retry-After and asks again at `at`. */
  | { kind: 'retry'; at: Date; status: number; retryAfterSeconds: number }
  /** The last list failed: the next one starts at `at`. */
  | { kind: 'backoff'; at: Date }
  /** The wait after a failure is over: the next list is on its way. */
  | { kind: 'trying' };

/** The footer's words for `a` at `now`. */
export function activityText(a: Activity, now: Date): string {
  const secs = (at: Date): number => Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000));
  switch (a.kind) {
    case 'refreshing':
      return 'refreshing…';
    case 'trying':
      return 'trying again…';
    case 'backoff': {
      const s = secs(a.at);
      return s > 0 ? `next try in ${s} s (backoff)` : 'trying again…';
    }
    case 'retry': {
      const s = secs(a.at);
      const why = `${a.status} ${STATUS_CODES[a.status] ?? ''}`.trim() + `, Retry-After ${a.retryAfterSeconds}`;
      return s > 0 ? `retrying in ${s} s (${why})` : `retrying… (${why})`;
    }
  }
}
