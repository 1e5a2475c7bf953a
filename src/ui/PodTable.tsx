/** The pod table: renders only the visible window of rows, keyed by pod uid. */
import { Text } from 'ink';
import { memo } from 'react';
import type { PodRow } from '../core/client/types.js';
import { cell, COLUMN_GAP, fit, layoutColumns, type Column } from './columns.js';
import { SELECTED_OFF, SELECTED_ON, statusColor } from './theme.js';

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
  sortedBy?: 'name' | 'status' | 'restarts' | 'age';
  reversed?: boolean;
}

const Row = memo(function Row({
  row,
  cols,
  now,
  selected,
  color,
  stale,
}: {
  row: PodRow;
  cols: Column[];
  now: Date;
  selected: boolean;
  color: boolean;
  stale: boolean;
}) {
  const parts = cols.map((c, i) => ({ c, text: fit(cell(row, c.id, now), c.width) + (i < cols.length - 1 ? COLUMN_GAP : '') }));
  return (
    <Text wrap="truncate-end" dimColor={stale && !selected}>
      {selected ? SELECTED_ON : ''}
      {parts.map(({ c, text }) =>
        c.id === 'status' ? (
          <Text key={c.id} color={statusColor(row.status, color && !stale)}>
            {text}
          </Text>
        ) : (
          text
        ),
      )}
      {selected ? SELECTED_OFF : ''}
    </Text>
  );
});

/** The table body for the rows in [top, top+height). */
export function PodTable({ rows, top, height, cursor, width, allNamespaces, now, color, stale, empty, sortedBy, reversed }: PodTableProps) {
  const visible = rows.slice(top, top + height);
  const cols = layoutColumns(visible, allNamespaces, width, now, sortedBy, reversed);
  const header = cols.map((c, i) => fit(c.title, c.width) + (i < cols.length - 1 ? COLUMN_GAP : '')).join('');
  return (
    <>
      <Text wrap="truncate-end" bold>
        {header}
      </Text>
      {visible.length === 0 ? <Text dimColor>{empty}</Text> : null}
      {visible.map((r, i) => (
        <Row key={r.key} row={r} cols={cols} now={now} selected={top + i === cursor} color={color} stale={stale} />
      ))}
    </>
  );
}
