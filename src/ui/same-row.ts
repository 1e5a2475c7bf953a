/**
 * Keeps row objects across refreshes: a polled row equal to the one on screen is replaced by that
 * one, so an unchanged refresh leaves the table's arrays, memoised rows and the frame as they were.
 * A refresh that changed a few rows derives the new rows from the old (row-map.ts) without copying a Map.
 */
import type { PodRow } from '../core/client/types.js';
import { RowMap } from './row-map.js';

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

/** How far ahead of the expected slot a listed row may be for reuseRows to go on from its slot. */
const RESYNC_SLOTS = 64;

/** What a list changed against the rows before it: the rows, and those new, changed or gone. */
export interface Reused {
  /** `fresh` by key, each row that is the same as the old one with its key replaced by that one. */
  rows: RowMap;
  /** Rows new or changed (not kept from `old`). */
  upserts: PodRow[];
  /** Keys of `old` that `fresh` has not. */
  deletes: string[];
  /** False when every row was kept and none came or went. */
  changed: boolean;
}

/**
 * `fresh` keyed by row key, each row replaced by the `old` row with its key when they are the same
 * (the same object, as an unchanged poll answer gives, costs one lookup); what was upserted and deleted.
 * The new rows are `old` with the upserts and deletes (a copy of its slots, not of a Map).
 */
export function reuseRows(old: RowMap, fresh: readonly PodRow[]): Reused {
  const upserts: PodRow[] = [];
  // Which of old's slots this list has (a key listed twice is seen twice: see below).
  const seen = new Uint8Array(old.slotCount);
  let present = 0;
  let twice = false;
  // A poll lists the pods in the order of the old slots: a row found at the next slot needs no lookup.
  let next = 0;
  const slots = old.slotCount;
  for (const r of fresh) {
    while (next < slots && old.atSlot(next) === undefined) next++;
    const here = next < slots ? old.atSlot(next) : undefined;
    const at = here !== undefined && (here === r || here.key === r.key) ? next : old.slotOf(r.key);
    // Found a little further on (the pods in between are gone): carry on from there. Found far
    // ahead, it is a pod added after the index was made (its slot is at the end), listed in its
    // namespace's place: the rows after it still follow the old slots.
    if (at !== undefined && at >= next && at - next <= RESYNC_SLOTS) next = at + 1;
    const prev = at === undefined ? undefined : old.atSlot(at);
    if (prev !== undefined && at !== undefined) {
      if (seen[at] === 1) twice = true;
      else present++;
      seen[at] = 1;
      if (prev === r || sameRow(prev, r)) continue;
    }
    upserts.push(r);
  }
  // A key listed twice (never in a real answer): the last row under it is the one that counts.
  if (twice || new Set(upserts.map((r) => r.key)).size !== upserts.length) return rebuilt(old, fresh);
  const deletes: string[] = [];
  if (present !== old.size) {
    for (let i = 0; i < seen.length; i++) {
      const r = seen[i] === 1 ? undefined : old.atSlot(i);
      if (r !== undefined) deletes.push(r.key);
    }
  }
  if (upserts.length === 0 && deletes.length === 0) return { rows: old, upserts, deletes, changed: false };
  return { rows: old.with(upserts, deletes), upserts, deletes, changed: true };
}

/** reuseRows for a list with a key twice: the last row under each key, compared with the old one. */
function rebuilt(old: RowMap, fresh: readonly PodRow[]): Reused {
  const last = RowMap.of(fresh);
  const upserts: PodRow[] = [];
  const kept: PodRow[] = [];
  for (const r of last.values()) {
    const prev = old.get(r.key);
    if (prev !== undefined && (prev === r || sameRow(prev, r))) kept.push(prev);
    else {
      kept.push(r);
      upserts.push(r);
    }
  }
  const deletes = [...old.keys()].filter((k) => !last.has(k));
  const changed = upserts.length > 0 || deletes.length > 0;
  return { rows: changed ? RowMap.of(kept) : old, upserts, deletes, changed };
}
