/** The pod table: renders only the visible window of rows, keyed by pod uid. */
import { Text } from 'ink';
import { memo, useMemo, useRef } from 'react';
import type { PodRow } from '../core/client/types.js';
import { cell, COLUMN_GAP, fit, fitMiddle, layoutColumns, measureColumns, type Column, type ColumnId } from './columns.js';
import { ageCell } from './age.js';
import { fg, SELECTED_OFF, SELECTED_ON, statusColor } from './theme.js';
import type { UsageByPod } from './metrics-feed.js';
import type { SortKey } from './rows.js';
import { isUsageColumn, usageHot } from './usage-columns.js';

export interface PodTableProps {
  rows: readonly PodRow[];
  top: number;
  height: number;
  cursor: number;
  width: number;
  allNamespaces: boolean;
  now: Date;
  color: boolean;
  stale: boolean;
  empty: string;
  sortedBy?: SortKey;
  reversed?: boolean;
  /** The rows widths are measured on: every row in view scope (before the local name filter); default `rows`. */
  measured?: readonly PodRow[];
  /**
   * Changes when the measured rows change as a set, not when they are only put in another order
   * (a sort): widths are not measured again for a sort (they only grow anyway). Default: `measured`.
   */
  measuredSet?: object;
  /** Pod usage (the metrics API is available): adds the usage columns. */
  usage?: UsageByPod | undefined;
  /** Marked row keys: a mark column appears while any row is marked. */
  marks?: ReadonlySet<string>;
  /** `-o wide`: kubectl's wide columns before the usage columns. */
  wideFirst?: boolean | undefined;
  /** The column titles line (false when there is room for one line only). */
  header?: boolean;
}

interface RowProps {
  row: PodRow;
  cols: Column[];
  now: Date;
  selected: boolean;
  color: boolean;
  stale: boolean;
  usage: UsageByPod | undefined;
  /** undefined: no mark column; else whether this row is marked. */
  mark: boolean | undefined;
}

/** A row draws again only when something it shows changed: a new `now` alone counts only if its AGE text did. */
function sameRowProps(a: RowProps, b: RowProps): boolean {
  return (
    a.row === b.row &&
    a.cols === b.cols &&
    a.selected === b.selected &&
    a.color === b.color &&
    a.stale === b.stale &&
    a.usage === b.usage &&
    a.mark === b.mark &&
    (a.now === b.now || ageCell(a.row, a.now) === ageCell(b.row, b.now))
  );
}

const Row = memo(function Row({ row, cols, now, selected, color, stale, usage, mark }: RowProps) {
  const parts = cols.map((c, i) => ({
    c,
    text: (c.id === 'name' ? fitMiddle : fit)(cell(row, c.id, now, usage), c.width) + (i < cols.length - 1 ? COLUMN_GAP : ''),
  }));
  return (
    <Text wrap="truncate-end" dimColor={stale && !selected}>
      {selected ? SELECTED_ON : ''}
      {mark === undefined ? null : (
        <Text bold {...fg(color && mark ? 'yellow' : undefined)}>
          {mark ? '* ' : '  '}
        </Text>
      )}
      {parts.map(({ c, text }) =>
        c.id === 'status' ? (
          <Text key={c.id} {...fg(statusColor(row.status, color && !stale))}>
            {text}
          </Text>
        ) : isUsageColumn(c.id) && usageHot(row, c.id, usage) ? (
          // Over 90% of a limit: red (bold without colour, so it still stands out).
          <Text key={c.id} {...fg(color && !stale ? 'red' : undefined)} bold={!color}>
            {text}
          </Text>
        ) : (
          text
        ),
      )}
      {selected ? SELECTED_OFF : ''}
    </Text>
  );
}, sameRowProps);

type Widths = Partial<Record<ColumnId, number>>;

/**
 * Column widths from every row in view (not the visible page), so paging does not move columns;
 * they only grow while the same table is shown (an AGE that gets shorter does not pull them back).
 */
function useStableWidths(rows: readonly PodRow[], set: object, now: Date, allNamespaces: boolean, usage: UsageByPod | undefined): Widths {
  const minute = Math.floor(now.getTime() / 60_000);
  // Measured on every row when the minute (AGE) or the usage changes; between, a new set of rows
  // (a watch batch) measures only the rows not measured yet (new objects: new and changed pods;
  // a Set, not a WeakSet: it is dropped with the next full measure, and costs the GC less).
  const scope = `${allNamespaces}:${rows.length === 0}`;
  const base = useRef<{ scope: string; minute: number; usage: UsageByPod | undefined; set: object; seen: Set<PodRow>; widths: Widths }>(
    undefined,
  );
  const b = base.current;
  let measured: Widths;
  if (b && b.scope === scope && b.minute === minute && b.usage === usage) {
    if (b.set !== set) {
      b.widths = measureColumns(rows, now, usage, b.seen, b.widths);
      b.set = set;
    }
    measured = b.widths;
  } else {
    const seen = new Set<PodRow>();
    measured = measureColumns(rows, now, usage, seen);
    base.current = { scope, minute, usage, set, seen, widths: measured };
  }
  const kept = useRef<{ scope: string; widths: Widths }>({ scope: '', widths: {} });
  const prev = kept.current.scope === scope ? kept.current.widths : {};
  const next: Widths = { ...measured };
  for (const [id, w] of Object.entries(prev) as [ColumnId, number][]) next[id] = Math.max(w, next[id] ?? 0);
  // The same widths keep the same object, so the columns (and every memoised row) stay as they are.
  const same =
    kept.current.scope === scope &&
    Object.keys(next).length === Object.keys(prev).length &&
    (Object.entries(next) as [ColumnId, number][]).every(([id, w]) => prev[id] === w);
  if (!same) kept.current = { scope, widths: next };
  return kept.current.widths;
}

/** The table body for the rows in [top, top+height). */
export function PodTable({
  rows,
  top,
  height,
  cursor,
  width,
  allNamespaces,
  now,
  color,
  stale,
  empty,
  sortedBy,
  reversed,
  measured,
  measuredSet,
  usage,
  marks,
  header: withHeader = true,
  wideFirst = false,
}: PodTableProps) {
  const visible = rows.slice(top, top + height);
  const marking = marks !== undefined && marks.size > 0;
  const widths = useStableWidths(measured ?? rows, measuredSet ?? measured ?? rows, now, allNamespaces, usage);
  const hasUsage = usage !== undefined;
  const cols = useMemo(
    () =>
      layoutColumns(
        [],
        allNamespaces,
        marking ? width - 2 : width,
        now,
        sortedBy,
        hasUsage ? usage : undefined,
        reversed,
        widths,
        wideFirst,
      ),
    // Given widths, the layout depends on whether usage shows, not on its values (nor on `now`).
    [allNamespaces, marking, width, sortedBy, hasUsage, reversed, widths, wideFirst],
  );
  const header = (marking ? '  ' : '') + cols.map((c, i) => fit(c.title, c.width) + (i < cols.length - 1 ? COLUMN_GAP : '')).join('');
  return (
    <>
      {withHeader ? (
        <Text wrap="truncate-end" bold>
          {header}
        </Text>
      ) : null}
      {visible.length === 0 ? (
        <Text wrap="truncate-end" dimColor>
          {empty}
        </Text>
      ) : null}
      {visible.map((r, i) => (
        <Row
          key={r.key}
          row={r}
          cols={cols}
          now={now}
          selected={top + i === cursor}
          color={color}
          stale={stale}
          usage={usage}
          mark={marking ? marks.has(r.key) : undefined}
        />
      ))}
    </>
  );
}
