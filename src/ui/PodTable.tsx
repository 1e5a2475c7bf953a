/** The pod table: renders only the visible window of rows, keyed by pod uid. */
import { Text } from 'ink';
import { memo, useMemo, useRef } from 'react';
import type { PodRow } from '../core/client/types.js';
import { cell, COLUMN_GAP, fit, fitMiddle, layoutColumns, measureColumns, type Column, type ColumnId } from './columns.js';
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
  /** The rows widths are measured on: every row in view scope (before the local name filter); default `rows`. */
  measured?: readonly PodRow[];
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
  const parts = cols.map((c, i) => ({
    c,
    text: (c.id === 'name' ? fitMiddle : fit)(cell(row, c.id, now), c.width) + (i < cols.length - 1 ? COLUMN_GAP : ''),
  }));
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

type Widths = Partial<Record<ColumnId, number>>;

/**
 * Column widths from every row in view (not the visible page), so paging does not move columns;
 * they only grow while the same table is shown (an AGE that gets shorter does not pull them back).
 */
function useStableWidths(rows: readonly PodRow[], now: Date, allNamespaces: boolean): Widths {
  const minute = Math.floor(now.getTime() / 60_000);
  const measured = useMemo(() => measureColumns(rows, now), [rows, minute]);
  const kept = useRef<{ scope: string; widths: Widths }>({ scope: '', widths: {} });
  const scope = `${allNamespaces}:${rows.length === 0}`;
  const prev = kept.current.scope === scope ? kept.current.widths : {};
  const next: Widths = { ...measured };
  for (const [id, w] of Object.entries(prev) as [ColumnId, number][]) next[id] = Math.max(w, next[id] ?? 0);
  kept.current = { scope, widths: next };
  return next;
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
}: PodTableProps) {
  const visible = rows.slice(top, top + height);
  const widths = useStableWidths(measured ?? rows, now, allNamespaces);
  const cols = layoutColumns(visible, allNamespaces, width, now, sortedBy, reversed, widths);
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
