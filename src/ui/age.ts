/** AGE cells computed at render time from the row's creation time and the injected clock. */
import type { PodRow } from '../core/client/types.js';
import { humanDuration } from '../core/pods/human-duration.js';

/** kubectl's HumanDuration for a span in milliseconds ("5s", "3m2s", "4h", "12d", "2y3d"). */
export function shortDuration(ms: number): string {
  return humanDuration(ms);
}

/** The AGE cell of a row at `now`. */
export function ageCell(row: PodRow, now: Date): string {
  if (row.createdAt) return humanDuration(now.getTime() - row.createdAt.getTime());
  return row.ageCell ?? '<unknown>';
}
