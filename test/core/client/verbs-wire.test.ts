/**
 * The verbs the simulator does not serve yet (events, logs, DELETE) and the wire shape of the
 * pipeline, against a real local HTTPS server that records each request: query strings, methods,
 * bodies, repeated header lines, streams, and the 400/403/404 wording that names the verb and object.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createKubeClient, type KubeApiClient } from '../../../src/core/client/index.js';
import type { Target } from '../../../src/core/target.js';
import { caAndLeaf } from './tls-fixtures.js';
import { makeTarget } from './target-helper.js';
import { hintText } from '../../../src/core/hint.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  raw: string[];
  body: string;
}

let ca = '';
let server: Server;
let url = '';
const seen: Seen[] = [];
const sockets = new Set<Socket>();
let respond: (req: Seen, res: ServerResponse) => void = () => {};

before(async () => {
  const { ca: caPem, leaf } = await caAndLeaf({
    usage: 'server',
    cn: 'local',
    notBefore: new Date(Date.now() - 86400_000),
    notAfter: new Date(Date.now() + 86400_000),
  });
  ca = caPem.cert;
  server = createServer({ cert: leaf.cert, key: leaf.key }, (req, res) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (d: string) => (body += d))
      .on('end', () => {
        const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw: req.rawHeaders, body };
        seen.push(s);
        respond(s, res);
      });
  });
  server.on('connection', (sock: Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

function target(over: Partial<Target> = {}): Target {
  return makeTarget(url, {
    tls: { insecureSkipVerify: false, caData: ca },
    auth: { token: 'tok-1' },
    impersonate: { user: 'jane', groups: ['g1', 'g2'], extra: {} },
    ...over,
  });
}

async function withClient<T>(fn: (c: KubeApiClient) => Promise<T>, over: Partial<Target> = {}): Promise<T> {
  seen.length = 0;
  const c = createKubeClient(target(over), { host: { env: {}, now: () => new Date() } });
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

function json(res: ServerResponse, code: number, obj: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(obj));
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  json(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

/** How many header lines of `name` the request carried. */
function lines(s: Seen, name: string): number {
  return s.raw.filter((v, i) => i % 2 === 0 && v.toLowerCase() === name).length;
}

const EVENT = {
  metadata: { name: 'web-1.17f', namespace: 'shop', uid: 'e-1', creationTimestamp: '2026-01-01T00:00:00Z' },
  involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop', uid: 'u-1', fieldPath: 'spec.containers{app}' },
  reason: 'BackOff',
  message: 'Back-off restarting failed container',
  type: 'Warning',
  count: 7,
  firstTimestamp: '2026-01-01T00:00:00Z',
  lastTimestamp: '2026-01-01T00:05:00Z',
  eventTime: null,
  source: { component: 'kubelet', host: 'node-1' },
};

test("listEvents: kubectl describe's involvedObject field selector, paged; without an object, the namespace's events", async () => {
  respond = (req, res) => {
    const more = !req.url.includes('continue=');
    json(res, 200, {
      kind: 'EventList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '9', ...(more ? { continue: 'next-page' } : {}) },
      items: [EVENT],
    });
  };
  await withClient(async (c) => {
    const r = await c.listEvents('shop', { name: 'web-1', uid: 'u-1', kind: 'Pod' });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.equal(r.value.length, 2);
    assert.equal(r.value[0]?.reason, 'BackOff');
    assert.equal(r.value[0]?.involvedObject?.fieldPath, 'spec.containers{app}');
    const selector = encodeURIComponent(
      'involvedObject.kind=Pod,involvedObject.name=web-1,involvedObject.namespace=shop,involvedObject.uid=u-1',
    );
    assert.deepEqual(
      seen.map((s) => s.url),
      [
        `/api/v1/namespaces/shop/events?fieldSelector=${selector}&limit=500`,
        `/api/v1/namespaces/shop/events?continue=next-page&fieldSelector=${selector}&limit=500`,
      ],
    );
    assert.equal(seen[0]!.headers['accept'], 'application/json');
    assert.equal(lines(seen[0]!, 'impersonate-group'), 2);
  });
  await withClient(async (c) => {
    const r = await c.listEvents('shop', { name: 'a,b=c' });
    assert.ok(r.ok);
    assert.equal(
      seen[0]!.url,
      `/api/v1/namespaces/shop/events?fieldSelector=${encodeURIComponent('involvedObject.name=a\\,b\\=c,involvedObject.namespace=shop')}&limit=500`,
      'values escaped as the field selector parser wants; no kind or uid when not given',
    );
    seen.length = 0;
    assert.ok((await c.listEvents('shop')).ok);
    assert.equal(seen[0]!.url, '/api/v1/namespaces/shop/events?limit=500');
  });
  respond = (_req, res) => status(res, 403, 'Forbidden', 'events is forbidden: User "jane" cannot list resource "events"');
  await withClient(async (c) => {
    const r = await c.listEvents('shop', { name: 'web-1' });
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'authorization.forbidden');
    assert.equal(r.failure.summary, 'You are authenticated, but not allowed to list events in namespace "shop" (403 Forbidden).');
  });
});

test('all-namespace polls from the watch cache: resourceVersion=0 and no pages for the namespaces and for each namespace', async () => {
  const table = (names: string[], more: boolean): unknown => ({
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '7', ...(more ? { continue: 'next' } : {}) },
    columnDefinitions: [{ name: 'Name', type: 'string', format: 'name' }],
    rows: names.map((n) => ({ cells: [n] })),
  });
  respond = (req, res) => {
    if (/^\/api\/v1\/namespaces(\?|$)/.test(req.url))
      return json(res, 200, {
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: {},
        items: [{ metadata: { name: 'b' } }, { metadata: { name: 'a' } }],
      });
    const ns = /namespaces\/([^/]+)\/pods/.exec(req.url)?.[1] ?? '';
    // A server that pages whenever asked: the cached read must not ask.
    json(res, 200, table([`${ns}-1`], !req.url.includes('resourceVersion=0') && !req.url.includes('continue=')));
  };
  await withClient(async (c) => {
    const r = await c.listPods({}, { perNamespace: true, cached: true });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.deepEqual(
      r.value.rows.map((x) => x.key),
      ['a/a-1', 'b/b-1'],
    );
    assert.deepEqual(seen.map((s) => s.url).sort(), [
      '/api/v1/namespaces/a/pods?includeObject=None&resourceVersion=0',
      '/api/v1/namespaces/b/pods?includeObject=None&resourceVersion=0',
      '/api/v1/namespaces?resourceVersion=0',
    ]);
    seen.length = 0;
    // Without `cached` (the first list, `r`): a consistent read, paged like kubectl.
    const consistent = await c.listPods({}, { perNamespace: true });
    assert.ok(consistent.ok);
    assert.deepEqual(seen.map((s) => s.url).sort(), [
      '/api/v1/namespaces',
      '/api/v1/namespaces/a/pods?continue=next&includeObject=None&limit=500',
      '/api/v1/namespaces/a/pods?includeObject=None&limit=500',
      '/api/v1/namespaces/b/pods?continue=next&includeObject=None&limit=500',
      '/api/v1/namespaces/b/pods?includeObject=None&limit=500',
    ]);
  });
});

test('openLog streams bytes as they arrive, with kubectl logs query parameters; close() ends it', async () => {
  let release: () => void = () => {};
  const second = new Promise<void>((r) => (release = r));
  respond = (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('line one\n');
    void second.then(() => res.write('line two\n'));
  };
  await withClient(async (c) => {
    const r = await c.openLog('shop', 'web-1', {
      container: 'app',
      follow: true,
      previous: true,
      tailLines: 10,
      sinceSeconds: 60,
      timestamps: true,
    });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.equal(
      seen[0]!.url,
      '/api/v1/namespaces/shop/pods/web-1/log?container=app&follow=true&previous=true&sinceSeconds=60&tailLines=10&timestamps=true',
    );
    assert.equal(seen[0]!.headers['authorization'], 'Bearer tok-1');
    assert.equal(lines(seen[0]!, 'impersonate-group'), 2, 'one header line per group on a stream too');
    const it = r.value.chunks[Symbol.asyncIterator]();
    const first = await it.next();
    assert.equal(Buffer.from(first.value as Uint8Array).toString(), 'line one\n');
    release();
    const next = await it.next();
    assert.equal(Buffer.from(next.value as Uint8Array).toString(), 'line two\n');
    r.value.close();
    const end = await it.next();
    assert.equal(end.done, true, 'the iteration ends after close()');
  });
});

test('readLog reads a whole log capped at limitBytes (default 1 MiB), asking the server for the same limit', async () => {
  respond = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(3000));
  await withClient(async (c) => {
    const r = await c.readLog('shop', 'web-1', { limitBytes: 1000, follow: true });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.equal(r.value.length, 1000, 'capped even when the server sends more');
    assert.equal(seen[0]!.url, '/api/v1/namespaces/shop/pods/web-1/log?limitBytes=1000', 'never follows');
    seen.length = 0;
    const all = await c.readLog('shop', 'web-1', {});
    assert.ok(all.ok);
    assert.equal(all.value.length, 3000);
    assert.equal(seen[0]!.url, '/api/v1/namespaces/shop/pods/web-1/log?limitBytes=1048576');
  });
});

test('a log the server refuses (400) is explained with its own words; a missing pod names the pod', async () => {
  respond = (_req, res) => status(res, 400, 'BadRequest', 'container "app" in pod "web-1" is waiting to start: ContainerCreating');
  await withClient(async (c) => {
    for (const r of [await c.openLog('shop', 'web-1', { container: 'app' }), await c.readLog('shop', 'web-1', {})]) {
      assert.ok(!r.ok);
      assert.equal(r.failure.code, 'response.invalid');
      assert.equal(r.failure.summary, 'The API server refused to get the log of pod "web-1" in namespace "shop" (HTTP 400 BadRequest).');
      assert.equal(r.failure.detail, 'The server said: container "app" in pod "web-1" is waiting to start: ContainerCreating');
      assert.match(hintText(r.failure.hints[0] ?? '', 'cli'), /container name/);
    }
  });
  respond = (_req, res) => status(res, 404, 'NotFound', 'pods "web-1" not found');
  await withClient(async (c) => {
    const r = await c.openLog('shop', 'web-1', {});
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'response.not-found');
    assert.equal(r.failure.summary, 'The pod "web-1" was not found in namespace "shop" (404 Not Found).');
  });
  respond = (_req, res) => status(res, 403, 'Forbidden', 'pods "web-1" is forbidden: User "jane" cannot get resource "pods/log"');
  await withClient(async (c) => {
    const r = await c.readLog('shop', 'web-1', {});
    assert.ok(!r.ok);
    assert.equal(
      r.failure.summary,
      'You are authenticated, but not allowed to get the log of pod "web-1" in namespace "shop" (403 Forbidden).',
    );
  });
});

test('deletePod sends DELETE with DeleteOptions (grace period, background propagation) and returns the terminating pod', async () => {
  const pod = { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-1', namespace: 'shop', deletionTimestamp: '2026-01-01T00:00:30Z' } };
  respond = (_req, res) => json(res, 200, pod);
  await withClient(async (c) => {
    const r = await c.deletePod('shop', 'web-1', { gracePeriodSeconds: 0 });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.equal(r.value?.metadata?.deletionTimestamp, '2026-01-01T00:00:30Z');
    const s = seen[0]!;
    assert.equal(s.method, 'DELETE');
    assert.equal(s.url, '/api/v1/namespaces/shop/pods/web-1');
    assert.equal(s.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(s.body), {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      gracePeriodSeconds: 0,
      propagationPolicy: 'Background',
    });
    assert.equal(lines(s, 'impersonate-group'), 2);
    seen.length = 0;
    assert.ok((await c.deletePod('shop', 'web-1')).ok);
    assert.deepEqual(
      JSON.parse(seen[0]!.body),
      { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
      "the pod's own grace period",
    );
  });
  respond = (_req, res) =>
    json(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success', details: { name: 'web-1', kind: 'pods' } });
  await withClient(async (c) => {
    const r = await c.deletePod('shop', 'web-1');
    assert.ok(r.ok);
    assert.equal(r.value, undefined);
  });
  respond = (_req, res) => status(res, 403, 'Forbidden', 'pods "web-1" is forbidden: User "jane" cannot delete resource "pods"');
  await withClient(async (c) => {
    const r = await c.deletePod('shop', 'web-1');
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'authorization.forbidden');
    assert.equal(r.failure.summary, 'You are authenticated, but not allowed to delete pod "web-1" in namespace "shop" (403 Forbidden).');
    assert.match(r.failure.detail ?? '', /cannot delete resource "pods"/);
  });
  respond = (_req, res) => status(res, 404, 'NotFound', 'pods "web-1" not found');
  await withClient(async (c) => {
    const r = await c.deletePod('shop', 'web-1');
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'response.not-found');
    assert.equal(r.failure.summary, 'The pod "web-1" was not found in namespace "shop" (404 Not Found).');
    assert.match(hintText(r.failure.hints[0] ?? '', 'cli'), /deleted already/);
  });
});

test('the session sends PATCH with its own content type, and a 404 that is not a Status keeps the address wording', async () => {
  respond = (_req, res) => json(res, 200, { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-1' } });
  await withClient(async (c) => {
    const r = await c.session.callObject(
      {
        method: 'PATCH',
        path: '/api/v1/namespaces/shop/pods/web-1',
        headers: { accept: 'application/json', 'Content-Type': 'application/merge-patch+json' },
        body: '{"metadata":{"labels":{"a":"b"}}}',
      },
      { verb: 'patch', resource: 'pods', namespace: 'shop', name: 'web-1' },
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.equal(seen[0]!.method, 'PATCH');
    assert.equal(seen[0]!.headers['content-type'], 'application/merge-patch+json');
  });
  respond = (_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
  await withClient(async (c) => {
    const r = await c.getPodObject('shop', 'web-1');
    assert.ok(!r.ok);
    assert.equal(r.failure.summary, 'The server has no pods at this address (404 Not Found).');
  });
});

test('upgradeAuth gives a WebSocket the same credentials, TLS and URL as every request', async () => {
  await withClient(async (c) => {
    const r = await c.session.upgradeAuth();
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.equal(r.value.headers['Authorization'], 'Bearer tok-1');
    assert.deepEqual(r.value.headers['Impersonate-Group'], ['g1', 'g2']);
    assert.equal(r.value.url.href, url + '/');
    assert.equal(r.value.tls.ca, ca);
  });
});
