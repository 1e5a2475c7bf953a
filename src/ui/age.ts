/** AGE cells computed at render time from the row's creation time and the injected clock. */
import type { PodRow } from '../core/client/types.js';
import { humanDuration } from '../core/pods/human-duration.js';

/**
 * The AGE cell of a row at `now`: computed from the creation time when the row carries it (exact
 * at every second), else the server's own cell as it was sent (exact when it arrived; polling
 * replaces it every interval). The cell is never turned back into a date: it is truncated, so a
 * date estimated from it shows one unit too little for up to a whole unit.
 */
export function ageCell(row: PodRow, now: Date): string {
  if (row.createdAt) return humanDuration(now.getTime() - row.createdAt.getTime());
  return row.ageCell ?? '<unknown>';
}

const UNIT_MS: Record<string, number> = { y: 365 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
/** The units in the order a cell lists them (each at most once). */
const UNITS = 'ydhms';

/** Reads a kubectl AGE cell as the milliseconds it states ("2d3h" → 183,600,000), for sorting only; undefined if it is not one. */
export function parseAgeCell(cell: string): number | undefined {
  // By hand rather than with a regular expression: the age sort reads every row's cell.
  let ms = 0;
  let next = 0;
  let start = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    const unit = UNITS.indexOf(cell[i]!, next);
    if (unit < 0 || i === start) return undefined;
    ms += Number(cell.slice(start, i)) * UNIT_MS[UNITS[unit]!]!;
    next = unit + 1;
    start = i + 1;
  }
  return start === cell.length && cell !== '' ? ms : undefined;
}
