/** The pod table: renders only the visible window of rows, keyed by pod uid. */
import { Text } from 'ink';
import { memo } from 'react';
import type { PodRow } from '../core/client/types.js';
import { cell, COLUMN_GAP, fit, layoutColumns, type Column } from './columns.js';
import { fg, statusColor } from './theme.js';
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
  /** Pod usage (the metrics API is available): adds the usage columns. */
  usage?: UsageByPod | undefined;
  /** Marked row keys: a mark column appears while any row is marked. */
  marks?: ReadonlySet<string>;
}

const Row = memo(function Row({
  row,
  cols,
  now,
  selected,
  color,
  stale,
  usage,
  mark,
}: {
  row: PodRow;
  cols: Column[];
  now: Date;
  selected: boolean;
  color: boolean;
  stale: boolean;
  usage: UsageByPod | undefined;
  /** undefined: no mark column; else whether this row is marked. */
  mark: boolean | undefined;
}) {
  const parts = cols.map((c, i) => ({ c, text: fit(cell(row, c.id, now, usage), c.width) + (i < cols.length - 1 ? COLUMN_GAP : '') }));
  return (
    <Text wrap="truncate-end" inverse={selected} dimColor={stale && !selected}>
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
    </Text>
  );
});

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
  usage,
  marks,
}: PodTableProps) {
  const visible = rows.slice(top, top + height);
  const marking = marks !== undefined && marks.size > 0;
  const cols = layoutColumns(visible, allNamespaces, marking ? width - 2 : width, now, sortedBy, usage);
  const header = (marking ? '  ' : '') + cols.map((c, i) => fit(c.title, c.width) + (i < cols.length - 1 ? COLUMN_GAP : '')).join('');
  return (
    <>
      <Text wrap="truncate-end" bold>
        {header}
      </Text>
      {visible.length === 0 ? <Text dimColor>{empty}</Text> : null}
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
