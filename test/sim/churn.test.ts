/** A living cluster: generated pods cover every notable status, and churn reaches watchers with growing resourceVersions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simRequest, simStream, withSimulator } from '../helpers/sim.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

test('the generated cluster shows every status kubectl prints for a pod, and a hostile pod', async () => {
  await withSimulator({ pods: 24 }, async (sim) => {
    const t = JSON.parse((await simRequest(sim, '/api/v1/pods?includeObject=None', { accept: TABLE })).body) as {
      rows: Array<{ cells: string[] }>;
    };
    const statuses = new Set(t.rows.map((r) => r.cells[2]));
    for (const s of [
      'Running',
      'CrashLoopBackOff',
      'ImagePullBackOff',
      'ErrImagePull',
      'ContainerCreating',
      'Completed',
      'OOMKilled',
      'ExitCode:2',
      'Error',
      'Init:1/2',
      'Init:CrashLoopBackOff',
      'Init:Error',
      'Init:Signal:9',
      'Terminating',
      'Unknown',
      'Evicted',
      'SchedulingGated',
      'Pending',
      'NotReady',
    ])
      assert.ok(statuses.has(s), `missing ${s}: ${[...statuses].join(', ')}`);
    assert.ok(
      t.rows.some((r) => r.cells[1] === '2/2' && /^2 \(7m\d*s? ago\)$/.test(r.cells[3]!)),
      'a sidecar pod',
    );
    assert.ok(
      t.rows.some((r) => r.cells[8] === '1/2'),
      'a pod with readiness gates',
    );
    const hostile = t.rows.find((r) => r.cells[2]!.includes('\u001b'));
    assert.ok(hostile, 'a status carrying escape sequences');
    const ns = [...sim.cluster.iterate('hostile')];
    assert.equal(ns.length, 1);
  });
});

test('churn: changes reach a watcher, resourceVersions grow, the pod count stays near the target', async () => {
  await withSimulator({ pods: 80, churnPerSecond: 100, seed: 7 }, async (sim) => {
    const w = await simStream(sim, `/api/v1/pods?watch=1&resourceVersion=${sim.cluster.resourceVersion}`);
    try {
      const lines = await w.waitForLines(40);
      const events = lines
        .slice(0, 40)
        .map(
          (l) => JSON.parse(l) as { type: string; object: { metadata: { resourceVersion: string; annotations?: Record<string, string> } } },
        );
      const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
      assert.deepEqual(
        rvs,
        [...rvs].sort((a, b) => a - b),
      );
      assert.ok(new Set(events.map((e) => e.type)).has('MODIFIED'));
      assert.ok(
        events.filter((e) => e.type !== 'DELETED').every((e) => e.object.metadata.annotations?.['bench.kpods.io/changed-at'] !== undefined),
      );
      assert.ok(sim.cluster.size > 60 && sim.cluster.size <= 81, `size ${sim.cluster.size}`);
    } finally {
      w.close();
    }
  });
});

test('a large cluster starts quickly and serves a Table page', async () => {
  const t0 = performance.now();
  await withSimulator({ pods: 20_000 }, async (sim) => {
    const started = performance.now() - t0;
    assert.ok(started < 20_000, `20k pods started in ${Math.round(started)} ms`);
    const page = JSON.parse((await simRequest(sim, '/api/v1/pods?limit=500', { accept: TABLE })).body) as {
      rows: unknown[];
      metadata: { remainingItemCount?: number };
    };
    assert.equal(page.rows.length, 500);
    assert.equal(page.metadata.remainingItemCount, 19_500);
  });
});
