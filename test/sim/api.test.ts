/** The simulator's API surface, request by request: formats, paging, selectors, watch, reviews, errors, faults. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { simRequest, simStream, startTestSimulator, type SimAuth, type Simulator } from '../helpers/sim.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const NOW = new Date('2026-03-01T10:00:00Z');
let sim: Simulator;

before(async () => {
  sim = await startTestSimulator({ pods: 120, now: () => NOW, bookmarkIntervalMs: 200 });
});
after(async () => {
  await sim?.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (body: string) => JSON.parse(body) as Json;

test('Table: nine columns with priorities, printPod cells, PartialObjectMetadata rows', async () => {
  const r = await simRequest(sim, '/api/v1/namespaces/default/pods', { accept: TABLE });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/json');
  assert.ok(r.headers['audit-id']);
  const t = json(r.body);
  assert.equal(t['kind'], 'Table');
  assert.equal(t['apiVersion'], 'meta.k8s.io/v1');
  assert.deepEqual(
    t['columnDefinitions'].map((c: Json) => [c['name'], c['type'], c['priority']]),
    [
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ],
  );
  for (const c of t['columnDefinitions']) assert.deepEqual(Object.keys(c), ['name', 'type', 'format', 'description', 'priority']);
  const crash = t['rows'].find((row: Json) => row['cells'][2] === 'CrashLoopBackOff');
  assert.deepEqual(crash['cells'].slice(1), [
    '0/1',
    'CrashLoopBackOff',
    '17 (5m ago)',
    '2d3h',
    '10.244.0.2',
    'worker-2',
    '<none>',
    '<none>',
  ]);
  assert.equal(crash['object']['kind'], 'PartialObjectMetadata');
  assert.equal(crash['object']['metadata']['namespace'], 'default');
  assert.ok(crash['object']['metadata']['managedFields'].length >= 2);
  assert.equal(crash['object']['metadata']['ownerReferences'][0]['kind'], 'ReplicaSet');
  const none = json((await simRequest(sim, '/api/v1/pods?includeObject=None', { accept: TABLE })).body);
  assert.equal(none['rows'].length, 120);
  assert.ok(none['rows'].every((row: Json) => !('object' in row)));
  const completed = none['rows'].find((row: Json) => row['cells'][2] === 'Completed');
  assert.deepEqual(completed['conditions'], [
    { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
  ]);
  const obj = json((await simRequest(sim, '/api/v1/namespaces/shop/pods?includeObject=Object&limit=1', { accept: TABLE })).body);
  assert.equal(obj['rows'][0]['object']['kind'], 'Pod');
  assert.ok(obj['rows'][0]['object']['status']);
  const bad = await simRequest(sim, '/api/v1/pods?includeObject=x', { accept: TABLE });
  assert.equal(bad.status, 400);
  assert.equal(json(bad.body)['message'], 'unrecognized includeObject value: "x"');
  const beta = json(
    (await simRequest(sim, '/api/v1/namespaces/default/pods?limit=1', { accept: 'application/json;as=Table;v=v1beta1;g=meta.k8s.io' }))
      .body,
  );
  assert.equal(beta['apiVersion'], 'meta.k8s.io/v1beta1');
  const proto = await simRequest(sim, '/api/v1/pods', { accept: 'application/vnd.kubernetes.protobuf' });
  assert.equal(proto.status, 406);
});

test('PodList: items without kind, realistic 4-5 KB pods, one pod by name, 404', async () => {
  const r = await simRequest(sim, '/api/v1/namespaces/shop/pods', { accept: 'application/json' });
  const list = json(r.body);
  assert.equal(list['kind'], 'PodList');
  assert.ok(list['items'].length > 5);
  assert.equal(list['items'][0]['kind'], undefined);
  assert.deepEqual(Object.keys(list['items'][0]), ['metadata', 'spec', 'status']);
  for (const item of list['items']) {
    const size = JSON.stringify(item).length;
    assert.ok(size > 3500 && size < 7000, `pod of ${size} bytes`);
  }
  const name = list['items'][0]['metadata']['name'];
  const one = json((await simRequest(sim, `/api/v1/namespaces/shop/pods/${name}`)).body);
  assert.equal(one['kind'], 'Pod');
  assert.equal(one['apiVersion'], 'v1');
  assert.equal(one['metadata']['name'], name);
  const missing = await simRequest(sim, '/api/v1/namespaces/shop/pods/nope');
  assert.equal(missing.status, 404);
  assert.equal(
    missing.body,
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"pods"},"code":404}',
  );
  const unknown = await simRequest(sim, '/api/v1/nodes');
  assert.equal(unknown.status, 404);
  assert.equal(json(unknown.body)['message'], 'the server could not find the requested resource');
});

test('limit and continue page through everything once; a stale token gets 410 Expired', async () => {
  const names: string[] = [];
  let token = '';
  let pages = 0;
  let first: Json | undefined;
  do {
    const page = json(
      (await simRequest(sim, `/api/v1/pods?limit=7${token ? `&continue=${encodeURIComponent(token)}` : ''}`, { accept: TABLE })).body,
    );
    first ??= page;
    names.push(...page['rows'].map((row: Json) => `${row['object']['metadata']['namespace']}/${row['cells'][0]}`));
    token = page['metadata']['continue'] ?? '';
    if (token) assert.equal(typeof page['metadata']['remainingItemCount'], 'number');
    pages++;
  } while (token);
  assert.equal(pages, Math.ceil(120 / 7));
  assert.equal(first?.['metadata']['remainingItemCount'], 113);
  assert.equal(new Set(names).size, 120);
  assert.deepEqual(names, [...names].sort());
  const selected = json((await simRequest(sim, '/api/v1/pods?limit=2&labelSelector=app%3Dcart', { accept: 'application/json' })).body);
  assert.ok(selected['metadata']['continue']);
  assert.equal(selected['metadata']['remainingItemCount'], undefined);
  const stale = selected['metadata']['continue'];
  sim.cluster.compact();
  const expired = await simRequest(sim, `/api/v1/pods?limit=2&labelSelector=app%3Dcart&continue=${encodeURIComponent(stale)}`);
  assert.equal(expired.status, 410);
  const status = json(expired.body);
  assert.equal(status['reason'], 'Expired');
  assert.match(status['message'], /^The provided continue parameter is too old to display a consistent list result\./);
  assert.ok(status['metadata']['continue']);
  const garbage = await simRequest(sim, '/api/v1/pods?limit=2&continue=xyz');
  assert.equal(garbage.status, 400);
});

test('label and field selectors; unsupported fields and bad resourceVersionMatch', async () => {
  const names = async (q: string) =>
    json((await simRequest(sim, `/api/v1/pods?${q}`, { accept: 'application/json' })).body)['items'].map(
      (i: Json) => i['metadata']['name'] as string,
    );
  const cart = await names('labelSelector=' + encodeURIComponent('app in (cart,catalog),tier!=system'));
  assert.ok(cart.length > 0 && cart.every((n: string) => /^(cart|catalog)-/.test(n)));
  assert.deepEqual(await names('labelSelector=' + encodeURIComponent('!app')), []);
  const node = await names('fieldSelector=spec.nodeName%3Dworker-2');
  assert.ok(node.length > 0);
  const one = await names('fieldSelector=' + encodeURIComponent(`metadata.name=${node[0]},metadata.namespace!=nowhere`));
  assert.deepEqual(one, [node[0]]);
  const pending = json((await simRequest(sim, '/api/v1/pods?fieldSelector=status.phase%3DPending', { accept: 'application/json' })).body)[
    'items'
  ];
  assert.ok(pending.length > 0 && pending.every((p: Json) => p['status']['phase'] === 'Pending'));
  const bad = await simRequest(sim, '/api/v1/pods?fieldSelector=spec.foo%3Dbar');
  assert.equal(bad.status, 400);
  assert.equal(json(bad.body)['message'], 'field label not supported: spec.foo');
  const rvm = await simRequest(sim, '/api/v1/pods?resourceVersionMatch=Exact');
  assert.equal(rvm.status, 422);
  assert.equal(json(rvm.body)['details']['kind'], 'ListOptions');
  const future = await simRequest(sim, '/api/v1/pods?resourceVersion=999999999');
  assert.equal(future.status, 504);
  assert.equal(future.headers['retry-after'], '1');
});

// Every watch in this file ends by its timeoutSeconds, on faked timers moved by hand: a watch the
// client dropped would leave the server a real half-hour timer that a later test's faked
// clearTimeout could not clear.
test('watch (JSON): from a list RV only changes arrive; ADDED/MODIFIED/DELETED carry kind', async (t) => {
  const list = json((await simRequest(sim, '/api/v1/namespaces/batch/pods', { accept: 'application/json' })).body);
  const rv = list['metadata']['resourceVersion'];
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const w = await simStream(sim, `/api/v1/namespaces/batch/pods?watch=1&resourceVersion=${rv}&timeoutSeconds=1`);
  try {
    assert.equal(w.status, 200);
    sim.cluster.putPod({
      metadata: { name: 'job-x', namespace: 'batch', creationTimestamp: NOW.toISOString() },
      spec: { containers: [{ name: 'c' }] },
      status: { phase: 'Pending' },
    });
    sim.cluster.putPod({ metadata: { name: 'elsewhere', namespace: 'shop' }, status: { phase: 'Pending' } });
    sim.cluster.updatePod('batch', 'job-x', (p) => void (p.status = { phase: 'Running' }));
    sim.cluster.deletePod('batch', 'job-x');
    const lines = await w.waitForLines(3);
    const events = lines.map((l) => json(l));
    assert.deepEqual(
      events.map((e) => e['type']),
      ['ADDED', 'MODIFIED', 'DELETED'],
    );
    assert.ok(events.every((e) => e['object']['kind'] === 'Pod' && e['object']['apiVersion'] === 'v1'));
    assert.equal(events[1]!['object']['status']['phase'], 'Running');
    const rvs = events.map((e) => Number(e['object']['metadata']['resourceVersion']));
    assert.ok(rvs[0]! > Number(rv) && rvs[0]! < rvs[1]! && rvs[1]! < rvs[2]!);
    t.mock.timers.tick(1000);
    await w.ended;
  } finally {
    w.close();
    sim.cluster.deletePod('shop', 'elsewhere');
  }
});

test('watch with a selector: a pod entering the selection is ADDED, leaving it is DELETED', async (t) => {
  sim.cluster.putPod({ metadata: { name: 'sel-1', namespace: 'default', labels: { app: 'other' } }, status: { phase: 'Running' } });
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const w = await simStream(
    sim,
    `/api/v1/namespaces/default/pods?watch=1&resourceVersion=${sim.cluster.resourceVersion}&labelSelector=app%3Dpicked&timeoutSeconds=1`,
  );
  try {
    sim.cluster.updatePod('default', 'sel-1', (p) => void (p.metadata!.labels = { app: 'picked' }));
    sim.cluster.updatePod('default', 'sel-1', (p) => void (p.status = { phase: 'Pending' }));
    sim.cluster.updatePod('default', 'sel-1', (p) => void (p.metadata!.labels = { app: 'other' }));
    sim.cluster.deletePod('default', 'sel-1');
    const lines = await w.waitForLines(3);
    assert.deepEqual(
      lines.map((l) => json(l)['type']),
      ['ADDED', 'MODIFIED', 'DELETED'],
    );
    t.mock.timers.tick(1000);
    await w.ended;
  } finally {
    w.close();
  }
});

test('watch (Table): columnDefinitions only on the first event; bookmarks; timeoutSeconds ends the stream', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const rv = sim.cluster.resourceVersion;
  const w = await simStream(
    sim,
    `/api/v1/namespaces/payments/pods?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`,
    { accept: TABLE },
  );
  sim.cluster.putPod({
    metadata: { name: 'p1', namespace: 'payments', creationTimestamp: '2026-03-01T09:59:00Z' },
    spec: { containers: [{ name: 'c' }] },
    status: { phase: 'Running' },
  });
  sim.cluster.updatePod(
    'payments',
    'p1',
    (p) => void (p.status = { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, state: { running: {} } }] }),
  );
  await w.waitForLines(2);
  for (let ms = 0; ms < 1000; ms += 200) t.mock.timers.tick(200);
  await w.ended;
  const events = w.lines.map((l) => json(l));
  const changes = events.filter((e) => e['type'] !== 'BOOKMARK');
  assert.deepEqual(
    changes.map((e) => e['type']),
    ['ADDED', 'MODIFIED'],
  );
  assert.equal(changes[0]!['object']['kind'], 'Table');
  assert.equal(changes[0]!['object']['columnDefinitions'].length, 9);
  assert.equal(changes[1]!['object']['columnDefinitions'], null);
  assert.deepEqual(changes[1]!['object']['rows'][0]['cells'].slice(0, 5), ['p1', '1/1', 'Running', '0', '60s']);
  assert.ok(
    events.some((e) => e['type'] === 'BOOKMARK'),
    'a bookmark within 1 s at a 200 ms interval',
  );
  sim.cluster.deletePod('payments', 'p1');
});

test('watch without RV sends ADDED for existing pods; a compacted RV gets 200 + one ERROR event', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const w = await simStream(sim, '/api/v1/namespaces/monitoring/pods?watch=1&timeoutSeconds=1');
  const count = [...sim.cluster.iterate('monitoring')].length;
  await w.waitForLines(count);
  t.mock.timers.tick(1000);
  await w.ended;
  assert.equal(w.lines.length, count);
  assert.ok(w.lines.every((l) => json(l)['type'] === 'ADDED'));
  const old = Number(sim.cluster.resourceVersion) - 1;
  sim.cluster.compact();
  const e = await simStream(sim, `/api/v1/pods?watch=1&resourceVersion=${old}`);
  await e.ended;
  assert.equal(e.status, 200);
  assert.equal(e.lines.length, 1);
  const ev = json(e.lines[0]!);
  assert.equal(ev['type'], 'ERROR');
  assert.deepEqual(ev['object'], {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `too old resource version: ${old} (${sim.cluster.oldestResourceVersion})`,
    reason: 'Expired',
    code: 410,
  });
});

test('streaming list (sendInitialEvents): ADDED for each pod, then a bookmark marking the end', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const w = await simStream(
    sim,
    '/api/v1/namespaces/monitoring/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1',
  );
  const count = [...sim.cluster.iterate('monitoring')].length;
  await w.waitForLines(count + 1);
  t.mock.timers.tick(1000);
  await w.ended;
  const events = w.lines.map((l) => json(l));
  assert.deepEqual(
    events.slice(0, count).map((e) => e['type']),
    Array(count).fill('ADDED'),
  );
  assert.equal(events[count]!['type'], 'BOOKMARK');
  assert.deepEqual(events[count]!['object']['metadata']['annotations'], { 'k8s.io/initial-events-end': 'true' });
  const bad = await simRequest(sim, '/api/v1/pods?watch=1&sendInitialEvents=true');
  assert.equal(bad.status, 422);
});

test("401 and 403 bodies are kube-apiserver's, for every credential type", async () => {
  const unauthorized =
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}';
  for (const auth of ['none', { token: 'nope' }, { basic: ['ops', 'wrong'] }] as SimAuth[]) {
    const r = await simRequest(sim, '/api/v1/pods', { auth });
    assert.equal(r.status, 401);
    assert.equal(r.body, unauthorized);
    assert.equal(r.headers['www-authenticate'], undefined);
  }
  const health = await simRequest(sim, '/livez', { auth: 'none' });
  assert.equal(health.status, 200);
  assert.equal(health.body, 'ok');
  const version = json((await simRequest(sim, '/version', { auth: 'none' })).body);
  assert.equal(version['major'], '1');
  const dev = { token: sim.secrets.developerToken };
  const forbidden = await simRequest(sim, '/api/v1/namespaces/default/pods', { auth: dev });
  assert.equal(forbidden.status, 403);
  assert.equal(
    forbidden.body,
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods is forbidden: User \\"jane@example.com\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"","reason":"Forbidden","details":{"kind":"pods"},"code":403}',
  );
  const watch = await simRequest(sim, '/api/v1/pods?watch=1', { auth: dev });
  assert.equal(
    json(watch.body)['message'],
    'pods is forbidden: User "jane@example.com" cannot watch resource "pods" in API group "" at the cluster scope',
  );
  assert.equal((await simRequest(sim, '/api/v1/namespaces/shop/pods', { auth: dev })).status, 200);
  sim.access.bind({
    name: 'temp',
    role: 'pod-reader',
    namespace: 'default',
    subject: { kind: 'User', name: 'jane@example.com' },
    rules: [{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }],
  });
  assert.equal((await simRequest(sim, '/api/v1/namespaces/default/pods', { auth: dev })).status, 200);
  sim.access.unbind('temp', 'default');
  assert.equal((await simRequest(sim, '/api/v1/namespaces/default/pods', { auth: dev })).status, 403);
});

test('impersonation: allowed for cluster-admin, 403 in kube-apiserver words otherwise', async () => {
  const { request } = await import('node:https');
  const call = (auth: 'admin' | 'dev') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${sim.url}/apis/authentication.k8s.io/v1/selfsubjectreviews`,
        {
          method: 'POST',
          ca: sim.secrets.caPem,
          agent: false,
          ...(auth === 'admin' ? { cert: sim.secrets.admin.cert, key: sim.secrets.admin.key } : {}),
          headers: {
            'Impersonate-User': 'bob',
            'Impersonate-Group': ['team-a', 'team-b'],
            ...(auth === 'dev' ? { Authorization: `Bearer ${sim.secrets.developerToken}` } : {}),
          },
        },
        (res) => {
          let body = '';
          res
            .setEncoding('utf8')
            .on('data', (d: string) => (body += d))
            .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
  const ok = await call('admin');
  assert.equal(ok.status, 201);
  assert.deepEqual(json(ok.body)['status']['userInfo'], { username: 'bob', groups: ['team-a', 'team-b', 'system:authenticated'] });
  const denied = await call('dev');
  assert.equal(denied.status, 403);
  assert.equal(
    json(denied.body)['message'],
    'users "bob" is forbidden: User "jane@example.com" cannot impersonate resource "users" in API group "" at the cluster scope',
  );
});

/** Encodes protobuf fields (strings and nested messages) by hand. */
function pb(fields: Array<[number, string | Buffer]>): Buffer {
  const out: number[] = [];
  const varint = (n: number) => {
    while (n > 127) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
  };
  for (const [num, value] of fields) {
    const bytes = typeof value === 'string' ? Buffer.from(value) : value;
    varint(num * 8 + 2);
    varint(bytes.length);
    out.push(...bytes);
  }
  return Buffer.from(out);
}

function envelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([0x6b, 0x38, 0x73, 0x00]),
    pb([
      [
        1,
        pb([
          [1, apiVersion],
          [2, kind],
        ]),
      ],
      [2, raw],
    ]),
  ]);
}

test('access reviews: protobuf and JSON bodies, answers from the same grants', async () => {
  const dev = { token: sim.secrets.developerToken };
  const ssar = (ns: string) =>
    envelope(
      'authorization.k8s.io/v1',
      'SelfSubjectAccessReview',
      pb([
        [1, pb([])],
        [
          2,
          pb([
            [
              1,
              pb([
                [1, ns],
                [2, 'list'],
                [5, 'pods'],
              ]),
            ],
          ]),
        ],
      ]),
    );
  const yes = await simRequest(sim, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    method: 'POST',
    auth: dev,
    body: ssar('shop'),
    contentType: 'application/vnd.kubernetes.protobuf',
  });
  assert.equal(yes.status, 201);
  const y = json(yes.body);
  assert.deepEqual(y['spec'], { resourceAttributes: { namespace: 'shop', verb: 'list', resource: 'pods' } });
  assert.deepEqual(y['status'], {
    allowed: true,
    reason: 'RBAC: allowed by RoleBinding "dev-pods/shop" of Role "pod-reader" to Group "developers"',
  });
  const no = json(
    (
      await simRequest(sim, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        method: 'POST',
        auth: dev,
        body: ssar('default'),
        contentType: 'application/vnd.kubernetes.protobuf',
      })
    ).body,
  );
  assert.deepEqual(no['status'], { allowed: false });
  const jsonBody = JSON.stringify({
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    spec: { nonResourceAttributes: { path: '/version', verb: 'get' } },
  });
  const nonRes = json(
    (
      await simRequest(sim, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        method: 'POST',
        auth: dev,
        body: jsonBody,
        contentType: 'application/json',
      })
    ).body,
  );
  assert.equal(nonRes['status']['allowed'], true);
  const ssrr = envelope(
    'authorization.k8s.io/v1',
    'SelfSubjectRulesReview',
    pb([
      [1, pb([])],
      [2, pb([[1, 'shop']])],
    ]),
  );
  const rules = json(
    (
      await simRequest(sim, '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
        method: 'POST',
        auth: dev,
        body: ssrr,
        contentType: 'application/vnd.kubernetes.protobuf',
      })
    ).body,
  );
  assert.deepEqual(rules['spec'], { namespace: 'shop' });
  assert.equal(rules['status']['incomplete'], false);
  assert.ok(rules['status']['resourceRules'].some((r: Json) => r['resources'].includes('pods') && r['verbs'].includes('list')));
  assert.ok(rules['status']['nonResourceRules'].length > 0);
  const ssr = json(
    (
      await simRequest(sim, '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
        method: 'POST',
        auth: { basic: [sim.secrets.basic.username, sim.secrets.basic.password] },
        body: '{}',
      })
    ).body,
  );
  assert.deepEqual(ssr['status'], { userInfo: { username: 'ops', groups: ['viewers', 'system:authenticated'] } });
  assert.equal(ssr['metadata']['creationTimestamp'], '2026-03-01T10:00:00Z');
  assert.equal(
    (await simRequest(sim, '/apis/authentication.k8s.io/v1beta1/selfsubjectreviews', { method: 'POST', body: '{}' })).status,
    404,
  );
});

test('discovery: /api, /apis, /api/v1 and group versions', async () => {
  assert.deepEqual(json((await simRequest(sim, '/api')).body)['versions'], ['v1']);
  const groups = json((await simRequest(sim, '/apis')).body);
  assert.equal(groups['kind'], 'APIGroupList');
  const core = json((await simRequest(sim, '/api/v1')).body);
  const pods = core['resources'].find((r: Json) => r['name'] === 'pods');
  assert.deepEqual([pods['namespaced'], pods['kind'], pods['shortNames']], [true, 'Pod', ['po']]);
  assert.equal(json((await simRequest(sim, '/apis/authorization.k8s.io/v1')).body)['groupVersion'], 'authorization.k8s.io/v1');
  const ns = json((await simRequest(sim, '/api/v1/namespaces', { accept: TABLE })).body);
  assert.deepEqual(ns['rows'].find((r: Json) => r['cells'][0] === 'shop')['cells'], ['shop', 'Active', '400d']);
});

test('faults: switched at runtime (and recovering), per namespace, and per scenario prefix', async () => {
  const w = await simStream(sim, `/api/v1/pods?watch=1&resourceVersion=${sim.cluster.resourceVersion}`);
  sim.cluster.setFault('server-error');
  await w.ended;
  const failing = await simRequest(sim, '/api/v1/pods?limit=1');
  assert.equal(failing.status, 500);
  assert.deepEqual(json(failing.body)['details'], { causes: [{ message: 'etcdserver: request timed out' }] });
  sim.cluster.setFault('throttle');
  const throttled = await simRequest(sim, '/api/v1/pods?limit=1');
  assert.deepEqual(
    [throttled.status, throttled.headers['retry-after'], throttled.headers['content-type'], throttled.body],
    [429, '1', 'text/plain; charset=utf-8', 'Too many requests, please try again later.\n'],
  );
  sim.cluster.setFault(null);
  assert.equal((await simRequest(sim, '/api/v1/pods?limit=1')).status, 200);
  sim.cluster.setNamespaceFault('shop', 'unavailable');
  assert.equal((await simRequest(sim, '/api/v1/namespaces/shop/pods')).status, 503);
  assert.equal((await simRequest(sim, '/api/v1/namespaces/default/pods')).status, 200);
  sim.cluster.setNamespaceFault('shop', null);
  assert.equal((await simRequest(sim, '/api/v1/namespaces/shop/pods')).status, 200);
  const html = await simRequest(sim, '/s/html-login/api/v1/pods');
  assert.equal(html.status, 200);
  assert.match(String(html.headers['content-type']), /^text\/html/);
  const flaky = [await simRequest(sim, '/s/flaky/api/v1/pods?limit=1'), await simRequest(sim, '/s/flaky/api/v1/pods?limit=1')]
    .map((r) => r.status)
    .sort();
  assert.deepEqual(flaky, [200, 500]);
  await assert.rejects(simRequest(sim, '/s/reset/api/v1/pods'), /ECONNRESET|socket hang up|aborted/);
  assert.equal((await simRequest(sim, '/s/throttled/api')).status, 429);
});
