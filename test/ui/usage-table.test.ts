/** The table with usage: the reducer (usage sorts, the API going away) and the narrow-terminal column priority. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePodMetrics, podUsageCells, type PodUsage } from '../../src/core/metrics/index.js';
import { layoutColumns } from '../../src/ui/columns.js';
import type { PodUsageView } from '../../src/ui/metrics-feed.js';
import { initialTable, reduceTable, type TableAction, type TableState } from '../../src/ui/screens/table-model.js';
import { row } from './fake-client.js';

const rows = [row('a'), row('b'), row('c')];
const usageOf = (name: string, cpu: string): [string, PodUsageView] => {
  const usage = parsePodMetrics({
    metadata: { name, namespace: 'default' },
    containers: [{ name: 'x', usage: { cpu, memory: '10Mi' } }],
  }) as PodUsage;
  return [`default/${name}`, { usage, cells: podUsageCells(usage, undefined) }];
};
const usage = new Map([usageOf('a', '5m'), usageOf('c', '900m')]);
const run = (s: TableState, ...actions: TableAction[]): TableState => actions.reduce(reduceTable, s);
const names = (s: TableState): string[] => s.view.map((r) => r.name);

test('usage sorts: most CPU first, re-sorted when fresh usage arrives; the API going away drops usage and the sort', () => {
  let s = run(initialTable(), { type: 'pods', rows, at: new Date(0) }, { type: 'metrics-state', probe: { state: 'available', why: '' } });
  s = run(s, { type: 'usage', usage }, { type: 'sort', key: 'cpu' });
  assert.deepEqual(names(s), ['c', 'a', 'b']);
  s = run(s, { type: 'usage', usage: new Map([usageOf('a', '2'), usageOf('c', '900m')]) });
  assert.deepEqual(names(s), ['a', 'c', 'b']);
  s = run(s, {
    type: 'metrics-state',
    probe: { state: 'failing', why: 'down', failure: { stage: 'response', code: 'response.server-error', summary: 'x', hints: [] } },
  });
  assert.equal(s.usage, undefined);
  assert.equal(s.sort, 'name');
  assert.deepEqual(names(s), ['a', 'b', 'c']);
  assert.equal(s.failure, undefined, 'a metrics failure is not the pod list failure');
  assert.equal(run(s, { type: 'usage', usage }).usage, undefined, 'late usage after the API went is ignored');
});

test('narrow terminals: CPU and MEM before the shares, the shares of limits before those of requests, all before IP/NODE', () => {
  const now = new Date('2026-01-02T00:00:00Z');
  const ids = (w: number): string[] => layoutColumns(rows, false, w, now, 'name', usage).map((c) => c.id);
  assert.deepEqual(ids(200), [
    'name',
    'ready',
    'status',
    'restarts',
    'age',
    'cpu',
    'memory',
    'cpuR',
    'cpuL',
    'memR',
    'memL',
    'ip',
    'node',
    'nominated',
    'gates',
  ]);
  assert.deepEqual(ids(60), ['name', 'ready', 'status', 'restarts', 'age', 'cpu', 'memory']);
  assert.deepEqual(ids(70), ['name', 'ready', 'status', 'restarts', 'age', 'cpu', 'memory', 'memL']);
  // 81: the sorted NAME column carries its arrow (NAME↓).
  assert.deepEqual(ids(81), ['name', 'ready', 'status', 'restarts', 'age', 'cpu', 'memory', 'cpuL', 'memR', 'memL']);
  assert.deepEqual(
    layoutColumns(rows, false, 200, now, 'name', undefined).map((c) => c.id),
    ['name', 'ready', 'status', 'restarts', 'age', 'ip', 'node', 'nominated', 'gates'],
    'no usage: no usage columns',
  );
});
