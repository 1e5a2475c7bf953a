/** PodMetrics parsing, pod requests/limits, usage cells and the kubectl top table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/pods/pod-types.js';
import { containerUsageCells, formatTopPods, parsePodMetricsList, podResources, podUsageCells } from '../../../src/core/metrics/index.js';

const pod = (containers: unknown[], init: unknown[] = []): Pod => ({ spec: { containers, initContainers: init } }) as unknown as Pod;

const list = parsePodMetricsList({
  kind: 'PodMetricsList',
  items: [
    {
      metadata: { name: 'web-2', namespace: 'shop' },
      timestamp: '2026-01-15T12:00:00Z',
      window: '15s',
      containers: [
        { name: 'web', usage: { cpu: '230000000n', memory: '240Mi' } },
        { name: 'istio-proxy', usage: { cpu: '5m', memory: '30Mi' } },
      ],
    },
    { metadata: { name: 'api-1', namespace: 'default' }, containers: [{ name: 'api', usage: { cpu: 'garbage' } }] },
    { metadata: {}, containers: [] },
    'not an object',
  ],
});

test('PodMetricsList: every field optional, malformed quantities count as zero, nameless items dropped', () => {
  assert.deepEqual(
    list.map((p) => `${p.namespace}/${p.name}:${p.containers.length}`),
    ['shop/web-2:2', 'default/api-1:1'],
  );
  assert.equal(list[0]?.window, '15s');
});

test('pod requests are summed; a limit only when every running container has one', () => {
  const p = pod(
    [
      { name: 'web', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi', cpu: '250m' } } },
      { name: 'helper', resources: { requests: { cpu: '50m' }, limits: { memory: '64Mi' } } },
    ],
    [
      { name: 'istio-proxy', restartPolicy: 'Always', resources: { requests: { cpu: '10m' }, limits: { memory: '64Mi' } } },
      { name: 'migrate', resources: { requests: { cpu: '2' }, limits: { memory: '1Gi' } } },
    ],
  );
  const r = podResources(p);
  assert.equal(podUsageCells({ namespace: '', name: '', containers: [] }, p).cpuOfRequest, '0%');
  assert.deepEqual(
    [r.requests.cpu, r.requests.memory, r.limits.memory, r.limits.cpu].map((x) => (x ? Number(x.num) / Number(x.den) : undefined)),
    [0.16, 128 * 1048576, 384 * 1048576, undefined],
  );
});

test('usage cells: totals, shares, n/a, hot over 90% of a limit, per container', () => {
  const spec = pod(
    [{ name: 'web', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } }],
    [{ name: 'istio-proxy', restartPolicy: 'Always', resources: { limits: { memory: '32Mi' } } }],
  );
  const cells = podUsageCells(list[0]!, spec);
  assert.deepEqual(
    [cells.cpu, cells.memory, cells.cpuOfRequest, cells.cpuOfLimit, cells.memoryOfRequest, cells.memoryOfLimit],
    ['235m', '270Mi', '235%', 'n/a', '210%', '93%'],
  );
  assert.equal(cells.memoryHot, true);
  assert.equal(cells.cpuHot, false);
  assert.equal(Math.round(cells.cpuMillis), 235);
  const perContainer = containerUsageCells(list[0]!, spec);
  assert.deepEqual(
    perContainer.map((c) => [c.name, c.cpu, c.memoryOfLimit, c.memoryHot]),
    [
      ['web', '230m', '93%', true],
      ['istio-proxy', '5m', '93%', true],
    ],
  );
  const noSpec = podUsageCells(list[0]!, undefined);
  assert.deepEqual([noSpec.cpuOfRequest, noSpec.memoryOfLimit, noSpec.memoryHot], ['?', '?', false]);
  const noRequests = podUsageCells(list[0]!, pod([{ name: 'web' }]));
  assert.deepEqual([noRequests.cpuOfRequest, noRequests.memoryOfLimit], ['n/a', 'n/a']);
});

test('top table: sorted by namespace then name with -A, containers by name, last column padded', () => {
  assert.equal(formatTopPods([], { allNamespaces: false, containers: false }), '');
  assert.equal(
    formatTopPods(list, { allNamespaces: false, containers: false }),
    'NAME    CPU(cores)   MEMORY(bytes)   \napi-1   0m           0Mi             \nweb-2   235m         270Mi           \n',
  );
  assert.equal(
    formatTopPods(list, { allNamespaces: true, containers: true }),
    [
      'NAMESPACE   POD     NAME          CPU(cores)   MEMORY(bytes)   ',
      'default     api-1   api           0m           0Mi             ',
      'shop        web-2   istio-proxy   5m           30Mi            ',
      'shop        web-2   web           230m         240Mi           ',
      '',
    ].join('\n'),
  );
});
