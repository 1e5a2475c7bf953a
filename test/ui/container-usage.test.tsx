/** The detail screen's per-container usage block: aligned lines, hot cells, one line why without metrics. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePodMetrics, specResources, podUsageCells, type PodUsage } from '../../src/core/metrics/index.js';
import type { Pod } from '../../src/core/pods/pod-types.js';
import { ContainerUsage, containerUsageLines } from '../../src/ui/ContainerUsage.js';
import { renderSized } from '../helpers/ink.js';

const usage = parsePodMetrics({
  metadata: { name: 'web-1', namespace: 'shop' },
  containers: [
    { name: 'web', usage: { cpu: '150m', memory: '240Mi' } },
    { name: 'istio-proxy', usage: { cpu: '4m', memory: '20Mi' } },
  ],
}) as PodUsage;
const spec = specResources({
  spec: {
    containers: [{ name: 'web', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } }],
    initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }],
  },
} as unknown as Pod);
const view = { usage, spec, cells: podUsageCells(usage, spec) };

test('one aligned line per container, with shares and n/a', () => {
  const lines = containerUsageLines(view).map((l) => l.cells.join('  ').trimEnd());
  assert.deepEqual(lines, [
    'CONTAINER    CPU   %CPU/R  %CPU/L  MEM    %MEM/R  %MEM/L',
    'web          150m  150%    n/a     240Mi  187%    93%',
    'istio-proxy  4m    n/a     n/a     20Mi   n/a     n/a',
  ]);
  assert.deepEqual(containerUsageLines(view)[1]!.hot, [false, false, false, false, true, false, true]);
  assert.deepEqual(containerUsageLines(undefined), []);
});

test('rendered: the table when available, one line why otherwise', async () => {
  const a = renderSized(<ContainerUsage view={view} probe={{ state: 'available', why: 'ok' }} color={false} />, 80, 10);
  await a.waitFor((f) => f.includes('istio-proxy'), 'the usage table');
  a.unmount();
  const b = renderSized(
    <ContainerUsage view={undefined} probe={{ state: 'absent', why: 'The cluster does not serve metrics.k8s.io.' }} color={false} />,
    80,
    10,
  );
  await b.waitFor((f) => f.includes('Usage: The cluster does not serve metrics.k8s.io.'), 'the reason');
  b.unmount();
});
