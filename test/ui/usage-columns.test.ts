/** Usage cells, hot flags and the CPU/memory sorts of the pod table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodRow } from '../../src/core/client/types.js';
import { parsePodMetrics, podUsageCells, specResources, type PodUsage } from '../../src/core/metrics/index.js';
import type { Pod } from '../../src/core/pods/pod-types.js';
import type { PodUsageView } from '../../src/ui/metrics-feed.js';
import { compareUsage, usageCell, usageHot } from '../../src/ui/usage-columns.js';

const row = (name: string): PodRow =>
  ({ key: `shop/${name}`, namespace: 'shop', name, ready: '1/1', status: 'Running', restarts: '0', restartCount: 0 }) as PodRow;
const spec = specResources({
  spec: { containers: [{ name: 'c', resources: { requests: { cpu: '100m' }, limits: { memory: '100Mi' } } }] },
} as unknown as Pod);
const view = (name: string, cpu: string, memory: string): [string, PodUsageView] => {
  const usage = parsePodMetrics({ metadata: { name, namespace: 'shop' }, containers: [{ name: 'c', usage: { cpu, memory } }] }) as PodUsage;
  return [`shop/${name}`, { usage, spec, cells: podUsageCells(usage, spec) }];
};
const usage = new Map([view('a', '10m', '95Mi'), view('b', '300m', '20Mi')]);

test('cells, a dash without usage, hot only over 90% of a limit', () => {
  assert.deepEqual(
    (['cpu', 'memory', 'cpuR', 'cpuL', 'memR', 'memL'] as const).map((id) => usageCell(row('a'), id, usage)),
    ['10m', '95Mi', '10%', 'n/a', 'n/a', '95%'],
  );
  assert.equal(usageCell(row('c'), 'cpu', usage), '-');
  assert.deepEqual(
    [usageHot(row('a'), 'memL', usage), usageHot(row('a'), 'memory', usage), usageHot(row('a'), 'cpu', usage)],
    [true, true, false],
  );
  assert.equal(usageHot(row('b'), 'memL', usage), false);
});

test('sorts: biggest first, pods without usage last', () => {
  const rows = [row('c'), row('a'), row('b')];
  assert.deepEqual(
    [...rows].sort(compareUsage('cpu', usage)).map((r) => r.name),
    ['b', 'a', 'c'],
  );
  assert.deepEqual(
    [...rows].sort(compareUsage('memory', usage)).map((r) => r.name),
    ['a', 'b', 'c'],
  );
});
