/**
 * V8 runs code it has not optimised yet several times slower. At 50,000 pods the first press of a
 * sort key ran the sort in the interpreter (AGE: 57 ms, of which 32 placing the rows; 15 ms once
 * warm), and the first filter keystroke was slower than the next ones. So once per process, after
 * a list of WARM_ROWS pods or more is shown, a copy of those rows is sorted by status, age and
 * restarts and filtered, one step per turn, a little after the list arrived. A copy: orders cached
 * for the table's own rows would be carried along with every later change, at a cost each time.
 */
import { filterRows } from './rows.js';
import { RowMap } from './row-map.js';
import type { TableState } from './screens/table-model.js';
import { sortOrder } from './sort-order.js';

/** Lists smaller than this sort and filter fast enough cold. */
export const WARM_ROWS = 5000;

/** What the warm-up runs (the table's own functions; tests watch them). */
export interface WarmWork {
  sort: typeof sortOrder;
  filter: typeof filterRows;
}

/**
 * A warm-up that runs once: called with each list shown (its pod count), it schedules the steps
 * the first time the count is WARM_ROWS or more, and does nothing after that.
 */
export function tableWarmer(): (rows: number, table: () => TableState, later: (step: () => void) => void) => void {
  let warmed = false;
  return (rows, table, later) => {
    if (warmed || rows < WARM_ROWS) return;
    warmed = true;
    warmTable(table, later);
  };
}

/** The warm-up's steps, each given to `later`: a copy of the rows sorted by status, age and restarts, then a filter. */
export function warmTable(
  table: () => TableState,
  later: (step: () => void) => void,
  work: WarmWork = { sort: sortOrder, filter: filterRows },
): void {
  const keys = ['status', 'age', 'restarts'] as const;
  let copy: RowMap | undefined;
  const next = (i: number): void =>
    later(() => {
      const t = table();
      if (i < keys.length) {
        copy ??= RowMap.of(t.rows.values());
        work.sort(copy, keys[i]!);
        next(i + 1);
      } else work.filter(t.sorted, 'a', false);
    });
  next(0);
}
