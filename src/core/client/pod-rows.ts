/**
 * Pod rows from what the server sends: a meta.k8s.io Table (the server's own cells, exactly as
 * kubectl prints them) or, when a server ignores Table negotiation, a PodList (cells computed
 * locally with the shared printPod port). Decoding is defensive: every field optional.
 *
 * A row is settled here and frozen: nobody writes into it afterwards. Its AGE is settled too:
 * `createdAt` when the server sent the creation time (Table with Metadata, PodList; exact at
 * every later second), else `ageCell`, the server's cell as of its answer (Table with None; a
 * poll replaces it every interval). A truncated cell is never turned back into a date.
 */
import { decodePod, podCells, type Pod } from '../pods/index.js';
import type { PodRow } from './types.js';
import type { RowMemo } from './row-memo.js';

/** Column positions of a pod Table, by lower-cased column name. */
export type TableColumns = Map<string, number>;

/** Reads `columnDefinitions`; undefined when absent or null (later watch events). */
export function tableColumns(defs: unknown): TableColumns | undefined {
  if (!Array.isArray(defs)) return undefined;
  const map: TableColumns = new Map();
  defs.forEach((d, i) => {
    const name = d && typeof d === 'object' ? (d as { name?: unknown }).name : undefined;
    if (typeof name === 'string') map.set(name.toLowerCase(), i);
  });
  return map;
}

/** A cell as kubectl prints it (fmt %v): strings verbatim, numbers and booleans as text. */
function cellText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return '<nil>';
  return JSON.stringify(v);
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function labelsOf(v: unknown): Record<string, string> {
  const r = record(v);
  if (!r) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(r)) if (typeof val === 'string') out[k] = val;
  return out;
}

function parseCreated(v: unknown): Date | undefined {
  const s = str(v);
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/**
 * Converts one Table row; `fallbackNamespace` is used when the row carries no object metadata.
 * With a memo, a row without an object whose cells equal last answer's is that answer's row.
 */
export function rowFromTableRow(row: unknown, columns: TableColumns, fallbackNamespace: string, memo?: RowMemo): PodRow | undefined {
  const r = record(row);
  const cells = r && Array.isArray(r['cells']) ? (r['cells'] as unknown[]) : undefined;
  if (!cells) return undefined;
  const cell = (key: string): string => {
    const i = columns.get(key);
    return i === undefined || i >= cells.length ? '' : cellText(cells[i]);
  };
  const object = r?.['object'];
  const meta = record(record(object)?.['metadata']);
  const name = str(meta?.['name']) ?? cell('name');
  const namespace = str(meta?.['namespace']) ?? fallbackNamespace;
  const remembered = memo !== undefined && (object === undefined || object === null);
  if (remembered) {
    const same = memo.find(name, cells);
    if (same) return same;
  }
  const restarts = cell('restarts');
  const createdAt = parseCreated(meta?.['creationTimestamp']);
  const out: PodRow = {
    key: str(meta?.['uid']) ?? `${namespace}/${name}`,
    namespace,
    name,
    ready: cell('ready'),
    status: cell('status'),
    restarts,
    restartCount: Number.parseInt(restarts, 10) || 0,
    ageCell: cell('age'),
    ip: cell('ip'),
    node: cell('node'),
    nominatedNode: cell('nominated node'),
    readinessGates: cell('readiness gates'),
    labels: labelsOf(meta?.['labels']),
  };
  if (createdAt) out.createdAt = createdAt;
  const settled = settle(out);
  if (remembered) memo.keep(name, cells, settled);
  return settled;
}

/** Freezes a decoded row (and its labels). */
function settle(row: PodRow): PodRow {
  Object.freeze(row.labels);
  return Object.freeze(row);
}

/** Converts every row of a Table body. */
export function rowsFromTable(table: Record<string, unknown>, columns: TableColumns, fallbackNamespace: string, memo?: RowMemo): PodRow[] {
  const rows = Array.isArray(table['rows']) ? (table['rows'] as unknown[]) : [];
  const out: PodRow[] = [];
  for (const row of rows) {
    const converted = rowFromTableRow(row, columns, fallbackNamespace, memo);
    if (converted) out.push(converted);
  }
  return out;
}

/** Computes a row from a full Pod with the shared printPod port; `now` only for the RESTARTS "(5m ago)" and fallback AGE cells. */
export function rowFromPod(raw: Pod, now: Date, fallbackNamespace: string): PodRow {
  const pod = decodePod(raw);
  const c = podCells(pod, now);
  const meta = pod.metadata ?? {};
  const namespace = meta.namespace ?? fallbackNamespace;
  const createdAt = parseCreated(meta.creationTimestamp);
  const out: PodRow = {
    key: meta.uid ?? `${namespace}/${c.name}`,
    namespace,
    name: c.name,
    ready: c.ready,
    status: c.status,
    restarts: c.restarts,
    restartCount: c.restartCount,
    ageCell: c.age,
    ip: c.ip,
    node: c.node,
    nominatedNode: c.nominatedNode,
    readinessGates: c.readinessGates,
    labels: labelsOf(meta.labels),
  };
  if (createdAt) out.createdAt = createdAt;
  return settle(out);
}
