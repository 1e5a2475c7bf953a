/**
 * V8 runs code it has not optimised yet several times slower. At 50,000 pods the first press of a
 * sort key ran the sort in the interpreter (AGE: 57 ms, of which 32 placing the rows; 15 ms once
 * warm), and the first filter keystroke was slower than the next ones. So once per process, after
 * a list of WARM_ROWS pods or more is shown, the other sort orders of those rows are computed (and
 * cached for them) and a filter is run, one step per turn, a little after the list arrived.
 */
import { filterRows } from './rows.js';
import type { TableState } from './screens/table-model.js';
import { hasCachedOrder, sortOrder } from './sort-order.js';

/** Lists smaller than this sort and filter fast enough cold. */
export const WARM_ROWS = 5000;

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

/** The warm-up's steps, each given to `later`: the sort orders by status, age and restarts, then a filter. */
export function warmTable(table: () => TableState, later: (step: () => void) => void): void {
  const keys = ['status', 'age', 'restarts'] as const;
  const next = (i: number): void =>
    later(() => {
      const t = table();
      if (i < keys.length) {
        const key = keys[i]!;
        if (!hasCachedOrder(t.rows, key)) sortOrder(t.rows, key);
        next(i + 1);
      } else filterRows(t.sorted, 'a', false);
    });
  next(0);
}
