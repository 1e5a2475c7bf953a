/** The browser's metrics feed: discovery once, PodMetrics no faster than every 10 s, specs when needed; absent/forbidden are states. */
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { failure, type Result } from '../../src/core/failure.js';
import type { ObjectCaller } from '../../src/core/metrics/index.js';
import { MetricsFeed, SCOPE_SETTLE_MS, type UsageByPod } from '../../src/ui/metrics-feed.js';
import type { MetricsProbe } from '../../src/core/metrics/index.js';

type Answer = Result<Record<string, unknown>>;
const ok = (value: Record<string, unknown>): Answer => ({ ok: true, value });

const GROUPS = ok({ kind: 'APIGroupList', groups: [{ name: 'metrics.k8s.io', versions: [{ version: 'v1beta1' }] }] });
const METRICS = ok({
  kind: 'PodMetricsList',
  items: [{ metadata: { name: 'web-1', namespace: 'shop' }, containers: [{ name: 'web', usage: { cpu: '150m', memory: '240Mi' } }] }],
});
const PODS = ok({
  kind: 'PodList',
  metadata: {},
  items: [
    {
      metadata: { name: 'web-1', namespace: 'shop' },
      spec: { containers: [{ name: 'web', resources: { requests: { cpu: '100m' }, limits: { memory: '256Mi' } } }] },
    },
  ],
});

function fakeCaller(answers: (path: string) => Answer): ObjectCaller & { paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    callObject: (req) => {
      paths.push(req.path);
      return Promise.resolve(answers(req.path));
    },
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function start(caller: ObjectCaller, intervalMs = 2000) {
  const states: MetricsProbe[] = [];
  const usages: UsageByPod[] = [];
  const feed = new MetricsFeed({
    caller,
    query: { namespace: 'shop' },
    intervalMs,
    nowMs: () => Date.now(),
    listener: { state: (p) => states.push(p), usage: (u) => usages.push(u) },
  });
  return { feed, states, usages };
}

/** A feed over all namespaces whose scope (and shown pods) the test moves; `scrolled()` tells it the screen changed. */
function scopedFeed(caller: ObjectCaller, scope: () => readonly string[] | undefined, shown?: () => readonly string[]) {
  const listeners: (() => void)[] = [];
  const usages: UsageByPod[] = [];
  const feed = new MetricsFeed({
    caller,
    query: {},
    intervalMs: 2000,
    nowMs: () => Date.now(),
    scope,
    ...(shown ? { shown } : {}),
    subscribe: (fn) => (listeners.push(fn), () => undefined),
    listener: { state: () => undefined, usage: (u) => usages.push(u) },
  });
  return { feed, usages, scrolled: () => listeners.forEach((fn) => fn()) };
}

test('available: usage with shares from the specs, polled no faster than every 10 s, specs read once', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const caller = fakeCaller((p) => (p === '/apis' ? GROUPS : p.startsWith('/apis/metrics') ? METRICS : PODS));
    const { feed, states, usages } = start(caller);
    await settle();
    assert.deepEqual(caller.paths, ['/apis', '/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods', '/api/v1/namespaces/shop/pods']);
    assert.deepEqual(
      states.map((s) => s.state),
      ['available'],
    );
    const web = usages[0]!.get('shop/web-1')!;
    assert.deepEqual([web.cells.cpu, web.cells.cpuOfRequest, web.cells.memoryOfLimit, web.cells.memoryHot], ['150m', '150%', '93%', true]);
    assert.equal(web.cells.memory, '240Mi');
    mock.timers.tick(2000);
    await settle();
    assert.equal(caller.paths.length, 3, 'the 2 s table interval does not make metrics poll faster than 10 s');
    mock.timers.tick(8000);
    await settle();
    assert.deepEqual(caller.paths.slice(3), ['/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods']);
    assert.equal(usages.length, 1, 'a poll that repeats the last scrape is not dispatched (no re-sort, no frame)');
    assert.equal(states.length, 1, 'an unchanged state is not dispatched again');
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});

test('absent: one state, no metrics request, discovery checked again after 5 minutes', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const caller = fakeCaller(() => ok({ kind: 'APIGroupList', groups: [{ name: 'apps', versions: [{ version: 'v1' }] }] }));
    const { feed, states, usages } = start(caller);
    await settle();
    assert.deepEqual(caller.paths, ['/apis']);
    assert.deepEqual(
      states.map((s) => s.state),
      ['absent'],
    );
    mock.timers.tick(299_000);
    await settle();
    assert.equal(caller.paths.length, 1);
    mock.timers.tick(1000);
    await settle();
    assert.deepEqual(caller.paths, ['/apis', '/apis']);
    assert.equal(usages.length, 0);
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});

test('forbidden: a state with one line why, retried after a minute, never usage', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const denied = failure('authorization.forbidden', 'You are authenticated, but not allowed to list pod metrics.', []);
    const caller = fakeCaller((p) => (p === '/apis' ? GROUPS : { ok: false, failure: denied }));
    const { feed, states, usages } = start(caller);
    await settle();
    assert.deepEqual(
      states.map((s) => [s.state, s.why]),
      [['forbidden', 'You may not read pod metrics in namespace "shop" (403 Forbidden on metrics.k8s.io).']],
    );
    mock.timers.tick(60_000);
    await settle();
    assert.equal(caller.paths.length, 4);
    assert.equal(usages.length, 0);
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});

test('a new pod with usage: its spec is read alone, not the whole page again', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    let metrics = METRICS;
    const caller = fakeCaller((p) =>
      p === '/apis'
        ? GROUPS
        : p.startsWith('/apis/metrics')
          ? metrics
          : p === '/api/v1/namespaces/shop/pods/web-2'
            ? ok({
                kind: 'Pod',
                metadata: { name: 'web-2', namespace: 'shop' },
                spec: { containers: [{ name: 'web', resources: { limits: { memory: '100Mi' } } }] },
              })
            : PODS,
    );
    const { feed, usages } = start(caller);
    await settle();
    metrics = ok({
      kind: 'PodMetricsList',
      items: [
        { metadata: { name: 'web-1', namespace: 'shop' }, containers: [{ name: 'web', usage: { cpu: '1m', memory: '1Mi' } }] },
        { metadata: { name: 'web-2', namespace: 'shop' }, containers: [{ name: 'web', usage: { cpu: '1m', memory: '95Mi' } }] },
      ],
    });
    mock.timers.tick(10_000);
    await settle();
    assert.deepEqual(caller.paths.slice(3), ['/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods', '/api/v1/namespaces/shop/pods/web-2']);
    assert.deepEqual([usages[1]!.get('shop/web-2')!.cells.memoryOfLimit, usages[1]!.get('shop/web-2')!.cells.memoryHot], ['95%', true]);
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});

test('a new scrape is dispatched: pods whose sample did not change keep their view (not parsed again), the others get new cells', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const item = (name: string, cpu: string, timestamp: string) => ({
      metadata: { name, namespace: 'shop', creationTimestamp: timestamp },
      timestamp,
      window: '15s',
      containers: [{ name: 'web', usage: { cpu, memory: '240Mi' } }],
    });
    let items = [item('web-1', '150m', 't1'), item('web-2', '20m', 't1')];
    const caller = fakeCaller((p) =>
      p === '/apis' ? GROUPS : p.startsWith('/apis/metrics') ? ok({ kind: 'PodMetricsList', items }) : PODS,
    );
    const { feed, usages } = start(caller);
    await settle();
    assert.equal(usages.length, 1);
    items = [item('web-1', '150m', 't1'), item('web-2', '35m', 't2')];
    mock.timers.tick(10_000);
    await settle();
    assert.equal(usages.length, 2);
    assert.equal(usages[1]!.get('shop/web-1'), usages[0]!.get('shop/web-1'), 'the same sample: the same view');
    assert.equal(usages[1]!.get('shop/web-2')!.cells.cpu, '35m');
    // metrics-server stamps each answer anew (creationTimestamp): that alone is no change.
    items = items.map((i) => ({ ...i, metadata: { ...i.metadata, creationTimestamp: 't3' } }));
    mock.timers.tick(10_000);
    await settle();
    assert.equal(usages.length, 2);
    // A pod gone is a change.
    items = [items[0]!];
    mock.timers.tick(10_000);
    await settle();
    assert.equal(usages.length, 3);
    assert.deepEqual([...usages[2]!.keys()], ['shop/web-1']);
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});

test('after the API failed (the table dropped usage), the same scrape as before is dispatched again', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const denied = failure('response.server-error', 'The server failed.', []);
    let failing = false;
    const caller = fakeCaller((p) =>
      p === '/apis' ? GROUPS : p.startsWith('/apis/metrics') ? (failing ? { ok: false, failure: denied } : METRICS) : PODS,
    );
    const { feed, states, usages } = start(caller);
    await settle();
    assert.equal(usages.length, 1);
    failing = true;
    mock.timers.tick(10_000);
    await settle();
    assert.notEqual(states.at(-1)?.state, 'available');
    failing = false;
    mock.timers.tick(60_000);
    await settle();
    assert.equal(states.at(-1)?.state, 'available');
    assert.equal(usages.length, 2, 'usage is news again after the state changed');
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});

test('all namespaces with a scope: only the namespaces on screen are read; a scroll to another one reads it once the screen is still', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const pod = (ns: string, name: string) => ({
      metadata: { name, namespace: ns },
      containers: [{ name: 'c', usage: { cpu: '1m', memory: '1Mi' } }],
    });
    const caller = fakeCaller((p) =>
      p === '/apis'
        ? GROUPS
        : p.startsWith('/apis/metrics')
          ? ok({ kind: 'PodMetricsList', items: p.includes('/namespaces/b/') ? [pod('b', 'y')] : [pod('a', 'x')] })
          : ok({ kind: 'PodList', metadata: {}, items: [] }),
    );
    let scope: string[] | undefined = ['a'];
    const { feed, usages, scrolled } = scopedFeed(caller, () => scope);
    await settle();
    const metricsPaths = () => caller.paths.filter((p) => p.startsWith('/apis/metrics'));
    assert.deepEqual(metricsPaths(), ['/apis/metrics.k8s.io/v1beta1/namespaces/a/pods']);
    assert.deepEqual([...usages.at(-1)!.keys()], ['a/x']);
    scope = ['a'];
    scrolled();
    await settle();
    assert.equal(metricsPaths().length, 1, 'the same namespaces on screen: no read before the interval');
    scope = ['b'];
    scrolled();
    await settle();
    mock.timers.tick(SCOPE_SETTLE_MS - 1);
    scrolled();
    await settle();
    assert.equal(metricsPaths().length, 1, 'no read while the screen still moves (the keystroke frame first)');
    mock.timers.tick(SCOPE_SETTLE_MS);
    await settle();
    assert.deepEqual(metricsPaths().slice(1), ['/apis/metrics.k8s.io/v1beta1/namespaces/b/pods']);
    assert.deepEqual([...usages.at(-1)!.keys()].sort(), ['a/x', 'b/y'], 'the other namespace keeps its usage');
    scope = undefined; // sorted by usage: every pod's usage
    scrolled();
    mock.timers.tick(SCOPE_SETTLE_MS);
    await settle();
    assert.deepEqual(metricsPaths().slice(2), ['/apis/metrics.k8s.io/v1beta1/pods']);
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});

test('pods on screen: a large namespace is read pod by pod and only the shown pods get their specs (a GET each, once)', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const metrics = (ns: string, name: string) => ({
      kind: 'PodMetrics',
      metadata: { name, namespace: ns },
      containers: [{ name: 'c', usage: { cpu: '5m', memory: '8Mi' } }],
    });
    const pod = (ns: string, name: string) => ({
      kind: 'Pod',
      metadata: { name, namespace: ns },
      spec: { containers: [{ name: 'c', resources: { requests: { cpu: '10m' } } }] },
    });
    const caller = fakeCaller((p) => {
      if (p === '/apis') return GROUPS;
      const m = /^\/apis\/metrics\.k8s\.io\/v1beta1\/namespaces\/([^/]+)\/pods\/([^/]+)$/.exec(p);
      if (m) {
        if (m[2] === 'gone') return { ok: false, failure: failure('response.not-found', 'not found', []) };
        return ok(metrics(m[1]!, m[2]!));
      }
      if (p === '/apis/metrics.k8s.io/v1beta1/namespaces/small/pods')
        return ok({ kind: 'PodMetricsList', items: [metrics('small', 's1'), metrics('small', 's2')] });
      const g = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/.exec(p);
      if (g) return ok(pod(g[1]!, g[2]!));
      throw new Error(`unexpected ${p}`);
    });
    let shown = ['big/a', 'big/b', 'big/gone', 'small/s1'];
    const { feed, usages, scrolled } = scopedFeed(
      caller,
      () => ['small', ...shown.filter((k) => k.startsWith('big/'))],
      () => shown,
    );
    await settle();
    await settle();
    const reads = () => caller.paths.filter((p) => p !== '/apis');
    assert.deepEqual(reads().slice(0, 4).sort(), [
      '/apis/metrics.k8s.io/v1beta1/namespaces/big/pods/a',
      '/apis/metrics.k8s.io/v1beta1/namespaces/big/pods/b',
      '/apis/metrics.k8s.io/v1beta1/namespaces/big/pods/gone',
      '/apis/metrics.k8s.io/v1beta1/namespaces/small/pods',
    ]);
    // Specs: the shown pods with usage (not small/s2, not the pod without metrics), a GET each; no PodList.
    assert.deepEqual(reads().slice(4).sort(), [
      '/api/v1/namespaces/big/pods/a',
      '/api/v1/namespaces/big/pods/b',
      '/api/v1/namespaces/small/pods/s1',
    ]);
    const last = usages.at(-1)!;
    assert.deepEqual([...last.keys()].sort(), ['big/a', 'big/b', 'small/s1', 'small/s2']);
    assert.ok(last.get('big/a')!.spec, 'a shown pod has its spec');
    assert.equal(last.get('small/s2')!.spec, undefined, 'a pod not shown has none');
    // A scroll to another pod of the big namespace reads it (and its spec) once the screen is still; big/a keeps its usage.
    const before = reads().length;
    shown = ['big/c'];
    scrolled();
    mock.timers.tick(SCOPE_SETTLE_MS);
    await settle();
    await settle();
    assert.deepEqual(reads().slice(before).sort(), [
      '/api/v1/namespaces/big/pods/c',
      '/apis/metrics.k8s.io/v1beta1/namespaces/big/pods/c',
      '/apis/metrics.k8s.io/v1beta1/namespaces/small/pods',
    ]);
    assert.ok(usages.at(-1)!.has('big/a') && usages.at(-1)!.has('big/c'));
    feed.stop();
    await feed.done;
  } finally {
    mock.timers.reset();
  }
});
