/** A living cluster: generated pods cover every notable status, and churn reaches watchers with growing resourceVersions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simRequest, simStream, withSimulator } from '../helpers/sim.js';
import { Cluster } from '../../src/sim/cluster.js';
import { createChurn, CREATING_MS } from '../../src/sim/churn.js';
import { podIp } from '../../src/sim/generate.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

test('the generated cluster shows every status of §2.5 and more, and a hostile pod', async () => {
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

test('pod IPs are valid IPv4 addresses in 10.244.0.0/14 at any index, churned pods included', () => {
  for (const i of [0, 253, 254, 64_999, 65_000, 259_999, 780_000, 1_000_000, 1_050_123, 9_999_999]) {
    const ip = podIp(i);
    const parts = ip.split('.').map(Number);
    assert.equal(parts.length, 4, ip);
    assert.ok(
      parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255),
      ip,
    );
    assert.ok(parts[0] === 10 && parts[1]! >= 244 && parts[1]! <= 247 && parts[3]! >= 1 && parts[3]! <= 254, ip);
  }
});

test('a new pod leaves ContainerCreating within seconds, as a kubelet would', () => {
  let t = 1_700_000_000_000;
  const cluster = new Cluster(t);
  const { step } = createChurn(cluster, 7, () => t, 5);
  const creating = (): string[] =>
    cluster.seededKeys().filter((k) => cluster.getPod(...(k.split('/') as [string, string]))?.seed?.state === 'containercreating');
  for (let i = 0; i < 50 && creating().length === 0; i++) step();
  const started = creating();
  assert.ok(started.length > 0, 'churn created a pod');
  t += CREATING_MS;
  step();
  for (const key of started) {
    const seed = cluster.getPod(...(key.split('/') as [string, string]))?.seed;
    assert.ok(seed === undefined || seed.state !== 'containercreating', `${key} is still ContainerCreating`);
  }
});
