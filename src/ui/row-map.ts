/**
 * The table's rows by key, as immutable versions that share their key index: a refresh that
 * replaces, adds or removes a few pods makes a new version by copying one array (a memory copy)
 * instead of a Map (50,000 pods: ~20 ms of hashing on every poll whose AGE cells moved).
 *
 * Each key has one slot for the life of the index; a version is an array of slots, undefined where
 * the key is not in that version. The index only grows (a version never sees a key added after it:
 * its slot is past the version's end or empty), and it is rebuilt when more than half of a version's
 * slots are empty. Iteration follows the slots: first listing order, new keys at the end.
 */
import type { PodRow } from '../core/client/types.js';

export class RowMap implements ReadonlyMap<string, PodRow> {
  /** Pods per namespace, counted when first asked for (from the version before when it had them). */
  private counts: Map<string, number> | undefined;
  /** The version this one came from and the rows it added and removed, until the counts are made. */
  private from: { map: RowMap; added: readonly PodRow[]; removed: readonly PodRow[] } | undefined;

  private constructor(
    /** Slot of each key ever set in a version that shares it. */
    private readonly index: Map<string, number>,
    private readonly slots: ReadonlyArray<PodRow | undefined>,
    readonly size: number,
  ) {}

  /** The rows by key (a key listed twice: the last row under it). */
  static of(rows: Iterable<PodRow>): RowMap {
    const index = new Map<string, number>();
    const slots: PodRow[] = [];
    for (const r of rows) {
      const at = index.get(r.key);
      if (at === undefined) {
        index.set(r.key, slots.length);
        slots.push(r);
      } else slots[at] = r;
    }
    return new RowMap(index, slots, slots.length);
  }

  /** The slot of `key` in this version's index, when the key has one. */
  slotOf(key: string): number | undefined {
    return this.index.get(key);
  }

  /** The number of slots (the bound of `slotOf` for this version's keys). */
  get slotCount(): number {
    return this.slots.length;
  }

  /** The row in `slot` (undefined: empty, or past this version's end). */
  atSlot(slot: number): PodRow | undefined {
    return this.slots[slot];
  }

  get(key: string): PodRow | undefined {
    const at = this.index.get(key);
    return at === undefined ? undefined : this.slots[at];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A new version with `upserts` set (by key) and `deletes` removed; this one is not changed. */
  with(upserts: readonly PodRow[], deletes: readonly string[]): RowMap {
    const slots = this.slots.slice();
    let size = this.size;
    const added: PodRow[] = [];
    const removed: PodRow[] = [];
    for (const k of deletes) {
      const at = this.index.get(k);
      const old = at === undefined ? undefined : slots[at];
      if (at !== undefined && old !== undefined) {
        removed.push(old);
        slots[at] = undefined;
        size--;
      }
    }
    for (const r of upserts) {
      let at = this.index.get(r.key);
      if (at === undefined) {
        at = this.index.size;
        this.index.set(r.key, at);
      }
      const old = slots[at];
      // A pod keeps its namespace under its key: only a row in an empty slot changes the counts.
      if (old === undefined) {
        size++;
        added.push(r);
      }
      // A slot past the end leaves empty slots (keys added in other versions) before it.
      slots[at] = r;
    }
    if (slots.length - size > Math.max(64, size)) return RowMap.of(new RowMap(this.index, slots, size).values());
    const next = new RowMap(this.index, slots, size);
    // Only from a version with counts (no chain of versions is kept alive).
    if (this.counts !== undefined) next.from = { map: this, added, removed };
    return next;
  }

  /** The number of pods of `namespace` in this version. */
  namespaceCount(namespace: string): number {
    if (this.counts === undefined) {
      const f = this.from;
      this.from = undefined;
      const counts = new Map(f?.map.counts ?? []);
      const add = (rows: Iterable<PodRow>, by: number): void => {
        for (const r of rows) counts.set(r.namespace, (counts.get(r.namespace) ?? 0) + by);
      };
      if (f !== undefined) {
        add(f.added, 1);
        add(f.removed, -1);
      } else add(this.values(), 1);
      this.counts = counts;
    }
    return this.counts.get(namespace) ?? 0;
  }

  *values(): MapIterator<PodRow> {
    for (const r of this.slots) if (r !== undefined) yield r;
  }

  *keys(): MapIterator<string> {
    for (const r of this.values()) yield r.key;
  }

  *entries(): MapIterator<[string, PodRow]> {
    for (const r of this.values()) yield [r.key, r];
  }

  [Symbol.iterator](): MapIterator<[string, PodRow]> {
    return this.entries();
  }

  forEach(fn: (value: PodRow, key: string, map: ReadonlyMap<string, PodRow>) => void, thisArg?: unknown): void {
    for (const r of this.values()) fn.call(thisArg, r, r.key, this);
  }

  /** The rows in slot order, as an array (no holes). */
  list(): PodRow[] {
    const out: PodRow[] = [];
    for (const r of this.slots) if (r !== undefined) out.push(r);
    return out;
  }
}
