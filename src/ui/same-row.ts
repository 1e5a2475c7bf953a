/**
 * Keeps row objects across refreshes: a polled row equal to the one on screen is replaced by that
 * one, so an unchanged refresh leaves the table's arrays, memoised rows and the frame as they were.
 */
import type { PodRow } from '../core/client/types.js';

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/** True when the two rows show and sort the same in every way. */
export function sameRow(a: PodRow, b: PodRow): boolean {
  return (
    a === b ||
    (a.key === b.key &&
      a.namespace === b.namespace &&
      a.name === b.name &&
      a.ready === b.ready &&
      a.status === b.status &&
      a.restarts === b.restarts &&
      a.restartCount === b.restartCount &&
      a.createdAt?.getTime() === b.createdAt?.getTime() &&
      a.ageCell === b.ageCell &&
      a.ip === b.ip &&
      a.node === b.node &&
      a.nominatedNode === b.nominatedNode &&
      a.readinessGates === b.readinessGates &&
      sameLabels(a.labels, b.labels))
  );
}

/**
 * `fresh` keyed by row key, each row replaced by the `old` row with its key when they are the same;
 * `changed` is false when every row was kept and none came or went.
 */
export function reuseRows(old: ReadonlyMap<string, PodRow>, fresh: readonly PodRow[]): { rows: Map<string, PodRow>; changed: boolean } {
  const rows = new Map<string, PodRow>();
  let changed = false;
  for (const r of fresh) {
    const prev = old.get(r.key);
    if (prev !== undefined && sameRow(prev, r)) rows.set(r.key, prev);
    else {
      rows.set(r.key, r);
      changed = true;
    }
  }
  return { rows, changed: changed || rows.size !== old.size };
}
