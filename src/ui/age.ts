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

const UNIT_MS: Record<string, number> = { y: 365 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** Reads a kubectl AGE cell back into milliseconds ("2d3h" → 183,600,000); undefined if it is not one. */
export function parseAgeCell(cell: string): number | undefined {
  if (!/^(\d+y)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/.test(cell) || cell === '') return undefined;
  let ms = 0;
  for (const m of cell.matchAll(/(\d+)([ydhms])/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  return ms;
}

/**
 * Rows listed without metadata carry only the server's AGE cell: estimate the creation time from
 * it, so ages keep counting between refreshes (a watch may not re-send a row for hours).
 */
export function estimateCreated(rows: PodRow[], now: Date): PodRow[] {
  for (const r of rows) {
    if (r.createdAt || r.ageCell === undefined) continue;
    const ms = parseAgeCell(r.ageCell);
    if (ms !== undefined) r.createdAt = new Date(now.getTime() - ms);
  }
  return rows;
}
