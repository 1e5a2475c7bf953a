/** The simulated metrics-server: discovery as kube-aggregator shows it, PodMetrics, the leaking pod, absent/down/forbidden. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { simRequest, startTestSimulator, type Simulator } from '../helpers/sim.js';
import { LEAK_CYCLE_MS } from '../../src/sim/metrics.js';

const T0 = Date.parse('2026-03-01T10:00:00Z');
let clock = T0;
let sim: Simulator;

before(async () => {
  sim = await startTestSimulator({ pods: 80, now: () => new Date(clock) });
});
after(async () => {
  await sim?.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const get = async (path: string, auth?: { token: string }): Promise<{ status: number; body: Json }> => {
  const r = await simRequest(sim, path, auth ? { auth } : {});
  return {
    status: r.status,
    body: r.headers['content-type']?.startsWith('application/json') ? (JSON.parse(r.body) as Json) : { text: r.body },
  };
};
const KiB = (q: string): number => Number(/^(\d+)Ki$/.exec(q)?.[1]);

test('discovery: the group after the built-in ones, its APIGroup, and the v1beta1 resources', async () => {
  const groups = (await get('/apis')).body['groups'] as Json[];
  assert.deepEqual(groups.at(-1), {
    name: 'metrics.k8s.io',
    versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }],
    preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' },
  });
  const group = (await get('/apis/metrics.k8s.io')).body;
  assert.equal(group['kind'], 'APIGroup');
  const resources = (await get('/apis/metrics.k8s.io/v1beta1')).body;
  assert.equal(resources['groupVersion'], 'metrics.k8s.io/v1beta1');
  assert.deepEqual(
    resources['resources'].map((r: Json) => [r['name'], r['namespaced'], r['kind'], r['verbs']]),
    [
      ['nodes', false, 'NodeMetrics', ['get', 'list']],
      ['pods', true, 'PodMetrics', ['get', 'list']],
    ],
  );
});

test('PodMetrics: namespaced, all namespaces, label selector, one pod, 404; only running containers', async () => {
  const shop = (await get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods')).body;
  assert.equal(shop['kind'], 'PodMetricsList');
  assert.ok(shop['items'].length > 5);
  for (const it of shop['items']) {
    assert.equal(it['metadata']['namespace'], 'shop');
    assert.match(it['timestamp'], /^2026-03-01T09:59:57Z$/);
    for (const c of it['containers']) {
      assert.match(c['usage']['cpu'], /^\d+n$/);
      assert.match(c['usage']['memory'], /^\d+Ki$/);
    }
  }
  const all = (await get('/apis/metrics.k8s.io/v1beta1/pods')).body['items'] as Json[];
  assert.ok(new Set(all.map((i) => i['metadata']['namespace'])).size >= 4);
  const running = (await simRequest(sim, '/api/v1/pods?fieldSelector=status.phase%3DRunning')).body;
  assert.ok(all.length <= (JSON.parse(running) as Json)['items'].length);
  // No usage for pods whose containers do not run (a crash-looping or completed pod).
  const names = new Set(all.map((i) => i['metadata']['name']));
  for (const p of (JSON.parse((await simRequest(sim, '/api/v1/pods')).body) as Json)['items'] as Json[]) {
    if (p['status']['phase'] === 'Succeeded' || p['status']['phase'] === 'Pending') assert.ok(!names.has(p['metadata']['name']));
  }
  const web = (await get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb')).body['items'] as Json[];
  assert.ok(web.length > 0 && web.every((i) => i['metadata']['labels']['app'] === 'web'));
  const one = await get(`/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/${web[0]!['metadata']['name']}`);
  assert.equal(one.body['kind'], 'PodMetrics');
  assert.deepEqual(one.body['containers'], web[0]!['containers']);
  const missing = await get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope');
  assert.equal(missing.status, 404);
  assert.equal(missing.body['message'], 'podmetrics.metrics.k8s.io "default/nope" not found');
  assert.equal((await get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=%3D%3D')).status, 400);
});

test('usage moves with the clock (15 s resolution) and is the same for the same instant', async () => {
  const path = '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods';
  const a = JSON.stringify((await get(path)).body['items']);
  assert.equal(JSON.stringify((await get(path)).body['items']), a);
  clock = T0 + 45_000; // before the leaking pod's first OOM kill (a later test watches it)
  const b = JSON.stringify((await get(path)).body['items']);
  clock = T0;
  assert.notEqual(b, a);
  assert.equal(JSON.stringify((await get(path)).body['items']), a);
});

test('the leaking pod climbs towards its memory limit, is OOMKilled, and starts over', async () => {
  const leak = sim.metrics.leakKey!;
  assert.ok(leak, 'a leaking pod exists');
  const [ns, name] = leak.split('/') as [string, string];
  const memAt = async (t: number): Promise<number> => {
    clock = t;
    return KiB((await get(`/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods/${name}`)).body['containers'][0]['usage']['memory']);
  };
  const limitKi = 256 * 1024;
  const first = await memAt(T0);
  const later = await memAt(T0 + 60_000);
  assert.ok(first > 0.7 * limitKi && later > first && later < limitKi, `${first} -> ${later}`);
  const podAt = async () => JSON.parse((await simRequest(sim, `/api/v1/namespaces/${ns}/pods/${name}`)).body) as Json;
  assert.equal((await podAt())['status']['containerStatuses'][0]['restartCount'], 0);
  const events: string[] = [];
  const stop = sim.cluster.subscribe((e) => events.push(`${e.type} ${e.version.key}`));
  const after = await memAt(T0 + 0.45 * LEAK_CYCLE_MS);
  stop();
  assert.ok(after < 0.5 * limitKi, `memory starts over after the kill: ${after}`);
  const status = (await podAt())['status']['containerStatuses'][0];
  assert.equal(status['restartCount'], 1);
  assert.equal(status['lastState']['terminated']['reason'], 'OOMKilled');
  assert.equal(status['lastState']['terminated']['exitCode'], 137);
  assert.ok(status['state']['running']);
  assert.deepEqual(events, [`MODIFIED ${leak}`]);
  clock = T0;
});

test('absent (the no-metrics prefix, or switched off), down (503 text) and forbidden', async () => {
  const prefixed = (await get('/s/no-metrics/apis')).body['groups'] as Json[];
  assert.ok(!prefixed.some((g) => g['name'] === 'metrics.k8s.io'));
  assert.equal((await get('/s/no-metrics/apis/metrics.k8s.io/v1beta1')).status, 404);
  assert.equal((await get('/s/no-metrics/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods')).status, 404);
  try {
    sim.metrics.setMode('unavailable');
    assert.ok(((await get('/apis')).body['groups'] as Json[]).some((g) => g['name'] === 'metrics.k8s.io'));
    const down = await get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods');
    assert.equal(down.status, 503);
    assert.equal(down.body['text'], 'service unavailable\n');
    sim.metrics.setMode('absent');
    assert.ok(!((await get('/apis')).body['groups'] as Json[]).some((g) => g['name'] === 'metrics.k8s.io'));
  } finally {
    sim.metrics.setMode('available');
  }
  const dev = await get('/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods', { token: sim.secrets.developerToken });
  assert.equal(dev.status, 403);
  assert.equal(
    dev.body['message'],
    'pods.metrics.k8s.io is forbidden: User "jane@example.com" cannot list resource "pods" in API group "metrics.k8s.io" in the namespace "shop"',
  );
  // Discovery stays readable for everyone authenticated.
  assert.equal((await get('/apis/metrics.k8s.io/v1beta1', { token: sim.secrets.developerToken })).status, 200);
});
