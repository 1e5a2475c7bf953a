/** Odd values in a response never crash kpods; a body that does not fit is response.invalid naming the field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listCommand } from '../../src/commands/list.js';
import { traceCommand } from '../../src/commands/trace.js';
import { rowFromPod } from '../../src/core/client/pod-rows.js';
import { decodePod } from '../../src/core/pods/decode-pod.js';
import { podCells } from '../../src/core/pods/index.js';
import { cell, type ColumnId } from '../../src/ui/columns.js';
import { hostileServer, runCommand, tempDir, writeKubeconfig } from '../helpers/hostile.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const COLUMNS: ColumnId[] = ['namespace', 'name', 'ready', 'status', 'restarts', 'age', 'ip', 'node', 'nominated', 'gates'];

const NULLS = {
  metadata: { name: 'web-1', namespace: 'default', creationTimestamp: '2025-12-31T00:00:00Z' },
  spec: { containers: [null, { name: 'a' }], initContainers: [null], readinessGates: [null] },
  status: {
    phase: 'Running',
    containerStatuses: [null, { name: 'a', ready: true, state: null }],
    initContainerStatuses: [null],
    conditions: [null],
    podIPs: [null],
  },
};
const WRONG_TYPES = {
  metadata: { name: 42, namespace: { x: 1 }, creationTimestamp: 7, labels: { a: 1, b: 'ok' }, uid: [] },
  spec: { containers: 'many', nodeName: 5, readinessGates: { conditionType: 'x' } },
  status: {
    phase: ['Running'],
    reason: 9,
    containerStatuses: [
      { name: 3, restartCount: 'lots', ready: 'yes', state: { waiting: { reason: 12 } }, lastState: { terminated: { finishedAt: 5 } } },
    ],
    conditions: 'ready',
    podIPs: [{ ip: 10 }],
    nominatedNodeName: false,
  },
};

test('decodePod: nulls inside lists and wrong types are dropped or defaulted, never thrown on', () => {
  for (const raw of [NULLS, WRONG_TYPES, null, 5, 'pod', [], { metadata: null, spec: null, status: null }]) {
    const pod = decodePod(raw);
    const cells = podCells(pod, NOW);
    for (const v of Object.values(cells)) assert.ok(typeof v === 'string' || typeof v === 'number', JSON.stringify(cells));
  }
  assert.equal(podCells(decodePod(NULLS), NOW).ready, '0/1');
  assert.equal(podCells(decodePod(WRONG_TYPES), NOW).name, '');
});

test("the browser's row rendering survives non-string values from a PodList or a watch event", () => {
  for (const raw of [NULLS, WRONG_TYPES]) {
    const row = rowFromPod(raw as never, NOW, 'default');
    for (const id of COLUMNS) assert.equal(typeof cell(row, id, NOW), 'string');
    assert.equal(typeof row.key, 'string');
    assert.equal(typeof row.namespace, 'string');
  }
});

function podListServer(body: unknown) {
  return hostileServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url?.startsWith('/api/v1/namespaces/default/pods')) res.end(JSON.stringify(body));
    else if (req.url === '/version') res.end(JSON.stringify({ gitVersion: 'v1.32.0' }));
    else if (req.url?.includes('selfsubject'))
      res.end(
        JSON.stringify({
          kind: 'SelfSubjectAccessReview',
          apiVersion: 'authorization.k8s.io/v1',
          status: { allowed: true, userInfo: { username: 'x' } },
        }),
      );
    else res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404 }));
  });
}

test('kpods list and trace: null inside containerStatuses, initContainerStatuses and conditions is not exit 1', async (t) => {
  const srv = await podListServer({
    kind: 'PodList',
    apiVersion: 'v1',
    metadata: { resourceVersion: '1' },
    items: [NULLS, WRONG_TYPES, null],
  });
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const kc = writeKubeconfig(dir, srv, { token: 'tok-123456' });
  for (const args of [[], ['-o', 'wide'], ['-o', 'json']]) {
    const r = await runCommand(listCommand, ['--kubeconfig', kc, ...args], { home: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /web-1/);
  }
  const tr = await runCommand(traceCommand, ['--kubeconfig', kc], { home: dir });
  assert.notEqual(tr.code, 1, tr.stdout);
});

test('a body whose structure does not fit is response.invalid naming the field', async (t) => {
  const bodies: Array<[unknown, RegExp]> = [
    [{ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: { a: 1 } }, /items/],
    [{ kind: 'Table', apiVersion: 'meta.k8s.io/v1', columnDefinitions: [{ name: 'Name' }], rows: 'x' }, /rows/],
    [{ kind: 'Table', apiVersion: 'meta.k8s.io/v1', columnDefinitions: [{ name: 'Name' }], rows: [{ cells: 'web' }] }, /rows\[0\]\.cells/],
    [{ kind: 'Table', apiVersion: 'meta.k8s.io/v1', columnDefinitions: 'Name', rows: [] }, /columnDefinitions/],
  ];
  for (const [body, field] of bodies) {
    const srv = await podListServer(body);
    const { dir, cleanup } = tempDir();
    try {
      const kc = writeKubeconfig(dir, srv, { token: 'tok-123456' });
      const r = await runCommand(listCommand, ['--kubeconfig', kc], { home: dir });
      assert.equal(r.code, 8, r.stderr);
      assert.match(r.stderr, /response\.invalid/);
      assert.match(r.stderr, field);
    } finally {
      cleanup();
      await srv.close();
    }
  }
  t.diagnostic('four malformed bodies refused');
});

test('-o json survives a metadata that is not an object (found by the fuzz test, seed 42)', async () => {
  const { formatKubectlListJson } = await import('../../src/core/client/go-json.js');
  const out = formatKubectlListJson([
    { metadata: true } as never,
    { metadata: null } as never,
    { metadata: { name: 'a', managedFields: [] } },
  ]);
  assert.equal(JSON.parse(out).items.length, 3);
  assert.equal(out.includes('managedFields'), false);
});
