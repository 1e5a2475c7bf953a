/** AGE cells computed at render time from the row's creation time and the injected clock. */
import type { PodRow } from '../core/client/types.js';

/** kubectl's HumanDuration for a span in milliseconds ("5s", "3m2s", "4h", "12d", "2y3d"). */
export function shortDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (h < 24 * 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (h < 24 * 365 * 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}

/** The AGE cell of a row at `now`. */
export function ageCell(row: PodRow, now: Date): string {
  if (row.createdAt) return shortDuration(now.getTime() - row.createdAt.getTime());
  return row.ageCell ?? '<unknown>';
}
