/**
 * The wire behaviour of the client against a real local HTTPS server that records requests:
 * impersonation headers, tokenFile re-reading, no credentials over http://, gzip, Retry-After
 * retries, a CONNECT proxy, and the oidc refresh.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse, type Server as HttpServer } from 'node:http';
import { connect as netConnect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createKubeClient } from '../../../src/core/client/index.js';
import { chooseProxy, noProxyMatches } from '../../../src/core/client/proxy.js';
import type { Target } from '../../../src/core/target.js';
import { caAndLeaf } from './tls-fixtures.js';
import { makeTarget } from './target-helper.js';
import { runCommand } from '../../helpers/run-command.js';
import { hintText } from '../../../src/core/hint.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  raw: string[];
  body: string;
}
let ca = '';
let server: HttpsServer;
let plain: HttpServer;
let proxy: HttpServer;
let httpsUrl = '';
let httpUrl = '';
let proxyUrl = '';
let dir = '';
const seen: Seen[] = [];
const connects: string[] = [];
const sockets = new Set<Socket>();
let respond: (req: Seen, res: ServerResponse) => void = () => {};

const TABLE = JSON.stringify({
  kind: 'Table',
  apiVersion: 'meta.k8s.io/v1',
  metadata: { resourceVersion: '7' },
  columnDefinitions: ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates'].map((name) => ({
    name,
    type: 'string',
    format: '',
    description: '',
    priority: 0,
  })),
  rows: [{ cells: ['web-1', '1/1', 'Running', 0, '5m', '10.0.0.1', 'n1', '<none>', '<none>'] }],
});

function handler(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req
    .setEncoding('utf8')
    .on('data', (d: string) => (body += d))
    .on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw: req.rawHeaders, body };
      seen.push(s);
      respond(s, res);
    });
}

function track(s: HttpsServer | HttpServer): void {
  s.on('connection', (sock: Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
}

before(async () => {
  const { ca: caPem, leaf } = await caAndLeaf({
    usage: 'server',
    cn: 'local',
    notBefore: new Date(Date.now() - 86400_000),
    notAfter: new Date(Date.now() + 86400_000),
  });
  ca = caPem.cert;
  server = createHttpsServer({ cert: leaf.cert, key: leaf.key }, handler);
  plain = createHttpServer(handler);
  proxy = createHttpServer();
  proxy.on('connect', (req: IncomingMessage, client: Socket) => {
    connects.push(req.url ?? '');
    const [h, p] = (req.url ?? '').split(':');
    const upstream = netConnect(Number(p), h ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  for (const s of [server, plain, proxy]) track(s);
  const port = (s: HttpsServer | HttpServer): Promise<number> =>
    new Promise((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
  httpsUrl = `https://127.0.0.1:${await port(server)}`;
  httpUrl = `http://127.0.0.1:${await port(plain)}`;
  proxyUrl = `http://127.0.0.1:${await port(proxy)}`;
  dir = mkdtempSync(join(tmpdir(), 'kpods-transport-'));
});

after(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all([server, plain, proxy].map((s) => new Promise((r) => s.close(r))));
  rmSync(dir, { recursive: true, force: true });
});

function okTable(_req: Seen, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(TABLE);
}

function t(over: Partial<Target> = {}): Target {
  return makeTarget(httpsUrl, { tls: { insecureSkipVerify: false, caData: ca }, namespace: 'ns1', ...over });
}

async function listOnce(target: Target, deps: Partial<Parameters<typeof createKubeClient>[1]> = {}, now = () => new Date()) {
  const c = createKubeClient(target, { host: { env: {}, now }, ...deps });
  try {
    return await c.listPods({ namespace: 'ns1' });
  } finally {
    await c.close();
  }
}

test('impersonation headers in client-go form, the Table Accept header and query order', async () => {
  seen.length = 0;
  respond = okTable;
  const r = await listOnce(
    t({
      auth: { token: 'tok-abc' },
      impersonate: { user: 'jane', uid: 'u-1', groups: ['g1', 'g2'], extra: { 'weird key/x': ['a', 'b'] } },
    }),
  );
  assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
  assert.equal(r.value.rows[0]?.restarts, '0', 'a numeric Restarts cell is printed as text');
  const h = seen[0]!.headers;
  assert.equal(h['authorization'], 'Bearer tok-abc');
  assert.equal(h['impersonate-user'], 'jane');
  assert.equal(h['impersonate-uid'], 'u-1');
  assert.equal(h['impersonate-group'], 'g1, g2');
  const raw = seen[0]!.raw;
  const groupLines = raw.filter((_v, i) => i % 2 === 0 && raw[i]!.toLowerCase() === 'impersonate-group').length;
  assert.equal(groupLines, 2, 'one Impersonate-Group header line per group');
  assert.equal(h['impersonate-extra-weird%20key%2fx'], 'a, b');
  assert.equal(
    h['accept'],
    'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
  );
  assert.equal(seen[0]!.url, '/api/v1/namespaces/ns1/pods?includeObject=None&limit=500');
  assert.equal(h['accept-encoding'], 'gzip');
});

test('tokenFile wins over token and is re-read after its cache time', async () => {
  seen.length = 0;
  respond = okTable;
  const file = join(dir, 'token');
  writeFileSync(file, 'from-file-1\n');
  let now = new Date('2026-01-01T00:00:00Z');
  const c = createKubeClient(t({ auth: { token: 'inline', tokenFile: file } }), { host: { env: {}, now: () => now } });
  try {
    assert.ok((await c.listPods({ namespace: 'ns1' })).ok);
    writeFileSync(file, 'from-file-2\n');
    assert.ok((await c.listPods({ namespace: 'ns1' })).ok);
    now = new Date('2026-01-01T00:01:00Z');
    assert.ok((await c.listPods({ namespace: 'ns1' })).ok);
  } finally {
    await c.close();
  }
  assert.deepEqual(
    seen.map((s) => s.headers['authorization']),
    ['Bearer from-file-1', 'Bearer from-file-1', 'Bearer from-file-2'],
  );
});

test('no credentials over plain http://, with a warning; impersonation still sent', async () => {
  seen.length = 0;
  respond = okTable;
  const target = makeTarget(httpUrl, { auth: { token: 'never-in-clear' }, impersonate: { user: 'jane', groups: [], extra: {} } });
  const c = createKubeClient(target, { host: { env: {}, now: () => new Date() } });
  try {
    assert.ok((await c.listPods({ namespace: 'x' })).ok);
    const w = await c.warnings();
    assert.equal(w.length, 1);
    assert.match(w[0]!, /plain http/);
  } finally {
    await c.close();
  }
  assert.equal(seen[0]!.headers['authorization'], undefined);
  assert.equal(seen[0]!.headers['impersonate-user'], 'jane');
});

test('gzip bodies are decoded; disable-compression drops Accept-Encoding', async () => {
  seen.length = 0;
  respond = (req, res) => {
    const gz = /gzip/.test(String(req.headers['accept-encoding'] ?? ''));
    res
      .writeHead(200, { 'content-type': 'application/json', ...(gz ? { 'content-encoding': 'gzip' } : {}) })
      .end(gz ? gzipSync(TABLE) : TABLE);
  };
  const a = await listOnce(t());
  assert.ok(a.ok);
  assert.equal(a.value.rows[0]?.name, 'web-1');
  const b = await listOnce(t({ disableCompression: true }));
  assert.ok(b.ok);
  assert.equal(seen[1]!.headers['accept-encoding'], undefined);
});

test('a body whose characters are cut between the pieces it arrives in is read whole (UTF-8 across pieces)', async () => {
  const named = TABLE.replace('web-1', 'wéb-ünï-名前-🙂');
  respond = (_req, res) => {
    const bytes = Buffer.from(named);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
    // One byte at a time around every multi-byte character, each written on its own.
    const cuts = [...bytes.keys()].filter((i) => bytes[i]! >= 0x80);
    let at = 0;
    const next = (): void => {
      const end = cuts.find((c) => c >= at) ?? bytes.length;
      const piece = bytes.subarray(at, Math.max(end, at + 1));
      at += piece.length;
      if (at >= bytes.length) res.end(piece);
      else res.write(piece, () => setImmediate(next));
    };
    next();
  };
  const r = await listOnce(t({ disableCompression: true }));
  assert.ok(r.ok);
  assert.equal(r.value.rows[0]?.name, 'wéb-ünï-名前-🙂');
});

test('a gzip body cut off mid-stream is a connection reset, not a hang', async () => {
  respond = (_req, res) => {
    const gz = gzipSync(TABLE.repeat(50));
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(gz.length) });
    res.write(gz.subarray(0, Math.floor(gz.length / 2)), () => res.socket?.destroy());
  };
  const r = await listOnce(t());
  assert.ok(!r.ok);
  assert.equal(r.failure.code, 'connection.reset');
});

test('retries only 429/5xx that carry Retry-After, at most maxRetries times', async () => {
  const waits: number[] = [];
  const sleep = async (ms: number): Promise<void> => void waits.push(ms);
  seen.length = 0;
  let n = 0;
  respond = (_req, res) =>
    n++ < 2
      ? res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '1' }).end('Too many requests, please try again later.\n')
      : okTable(_req, res);
  assert.ok((await listOnce(t(), { sleep })).ok);
  assert.equal(seen.length, 3);
  assert.deepEqual(waits, [1000, 1000]);

  seen.length = 0;
  respond = (_req, res) =>
    res
      .writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' })
      .end(JSON.stringify({ kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'down' }));
  const r = await listOnce(t(), { sleep, maxRetries: 3 });
  assert.ok(!r.ok);
  assert.equal(r.failure.code, 'response.server-error');
  assert.equal(seen.length, 4);

  seen.length = 0;
  respond = (_req, res) =>
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ kind: 'Status', code: 500, reason: 'InternalError', message: 'boom' }));
  const e = await listOnce(t(), { sleep });
  assert.ok(!e.ok);
  assert.equal(seen.length, 1, 'no Retry-After: no retry');
  assert.match(e.failure.detail ?? '', /boom/);

  seen.length = 0;
  respond = (_req, res) =>
    res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '1' }).end('Too many requests, please try again later.\n');
  const th = await listOnce(t(), { sleep, maxRetries: 2 });
  assert.ok(!th.ok);
  assert.equal(th.failure.code, 'response.throttled');
});

test('proxy-url: requests tunnel through an http CONNECT proxy', async () => {
  seen.length = 0;
  connects.length = 0;
  respond = okTable;
  const r = await listOnce(t({ proxyUrl }));
  assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
  assert.deepEqual(connects, [new URL(httpsUrl).host]);
});

/** A minimal SOCKS5 server (no authentication, CONNECT only) that records the requested host. */
function socks5Server(requested: string[]): Promise<{ url: string; close: () => Promise<void> }> {
  const srv = createNetServer((client) => {
    let buf = Buffer.alloc(0);
    let stage = 0;
    client.on('data', function onData(chunk: Buffer) {
      buf = Buffer.concat([buf, chunk]);
      if (stage === 0 && buf.length >= 2 && buf.length >= 2 + (buf[1] ?? 0)) {
        buf = buf.subarray(2 + (buf[1] ?? 0));
        stage = 1;
        client.write(Buffer.from([5, 0]));
      }
      if (stage === 1 && buf.length >= 5) {
        const atyp = buf[3];
        const len = atyp === 1 ? 4 : atyp === 3 ? 1 + (buf[4] ?? 0) : 16;
        if (buf.length < 4 + len + 2) return;
        const host = atyp === 1 ? [...buf.subarray(4, 8)].join('.') : buf.subarray(5, 5 + (buf[4] ?? 0)).toString();
        const port = buf.readUInt16BE(4 + len);
        requested.push(`${host}:${port}`);
        stage = 2;
        client.off('data', onData);
        const rest = buf.subarray(4 + len + 2);
        const upstream = netConnect(port, host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          if (rest.length) upstream.write(rest);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      }
    });
  });
  track(srv as unknown as HttpServer);
  return new Promise((resolve) =>
    srv.listen(0, '127.0.0.1', () =>
      resolve({
        url: `socks5://127.0.0.1:${(srv.address() as AddressInfo).port}`,
        close: () => new Promise((r) => srv.close(() => r())),
      }),
    ),
  );
}

test("proxy-url: socks5 through undici's Socks5ProxyAgent", async () => {
  respond = okTable;
  const requested: string[] = [];
  const socks = await socks5Server(requested);
  try {
    const r = await listOnce(t({ proxyUrl: socks.url }));
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.deepEqual(requested, [new URL(httpsUrl).host]);
  } finally {
    await socks.close();
  }
});

test('HTTPS_PROXY / NO_PROXY choice; loopback is never proxied from the environment', () => {
  const env = { HTTPS_PROXY: 'proxy.corp:3128', NO_PROXY: '.internal.example,10.0.0.0/8,kube.test:6443' };
  assert.equal(chooseProxy(new URL('https://api.example.com'), undefined, env), 'http://proxy.corp:3128');
  assert.equal(chooseProxy(new URL('https://127.0.0.1:6443'), undefined, env), undefined);
  assert.equal(chooseProxy(new URL('https://localhost:6443'), undefined, env), undefined);
  assert.equal(chooseProxy(new URL('https://a.internal.example'), undefined, env), undefined);
  assert.equal(chooseProxy(new URL('https://10.1.2.3:6443'), undefined, env), undefined);
  assert.equal(chooseProxy(new URL('https://kube.test:6443'), undefined, env), undefined);
  assert.equal(chooseProxy(new URL('https://kube.test:443'), undefined, env), 'http://proxy.corp:3128');
  assert.equal(chooseProxy(new URL('https://127.0.0.1:6443'), 'socks5://s:1080', env), 'socks5://s:1080');
  assert.equal(noProxyMatches(new URL('https://x.y'), '*'), true);
});

function jwt(claims: Record<string, unknown>): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none' })}.${enc(claims)}.sig`;
}

test('oidc: a valid id-token is sent; an expired one is refreshed at the token endpoint and persisted', async () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const valid = jwt({ iss: httpsUrl, sub: 'jane', exp: now.getTime() / 1000 + 3600 });
  const expired = jwt({ iss: httpsUrl, sub: 'jane', exp: now.getTime() / 1000 - 60 });
  const fresh = jwt({ iss: httpsUrl, sub: 'jane', exp: now.getTime() / 1000 + 7200 });
  seen.length = 0;
  respond = (req, res) => {
    if (req.url === '/.well-known/openid-configuration')
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ issuer: httpsUrl, token_endpoint: `${httpsUrl}/token` }));
    if (req.url === '/token')
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id_token: fresh, refresh_token: 'refresh-2' }));
    okTable(req, res);
  };
  const config = {
    'idp-issuer-url': httpsUrl,
    'client-id': 'kpods',
    'client-secret': 'shh',
    'idp-certificate-authority-data': Buffer.from(ca).toString('base64'),
  };
  const a = await listOnce(t({ auth: { authProvider: { name: 'oidc', config: { ...config, 'id-token': valid } } } }), {}, () => now);
  assert.ok(a.ok);
  assert.equal(seen.at(-1)!.headers['authorization'], `Bearer ${valid}`);
  seen.length = 0;
  const saved: Array<Record<string, string>> = [];
  const b = await listOnce(
    t({ auth: { authProvider: { name: 'oidc', config: { ...config, 'id-token': expired, 'refresh-token': 'refresh-1' } } } }),
    {
      persistAuthProvider: async (_t, cfg) => {
        saved.push(cfg);
        return { ok: true, value: undefined };
      },
    },
    () => now,
  );
  assert.ok(b.ok, JSON.stringify(!b.ok && b.failure));
  assert.deepEqual(
    seen.map((s) => s.url),
    ['/.well-known/openid-configuration', '/token', '/api/v1/namespaces/ns1/pods?includeObject=None&limit=500'],
  );
  assert.equal(seen[1]!.body, 'grant_type=refresh_token&refresh_token=refresh-1');
  assert.equal(seen[1]!.headers['authorization'], `Basic ${Buffer.from('kpods:shh').toString('base64')}`);
  assert.equal(seen[2]!.headers['authorization'], `Bearer ${fresh}`);
  assert.equal(saved[0]?.['id-token'], fresh);
  assert.equal(saved[0]?.['refresh-token'], 'refresh-2');
  const none = await listOnce(t({ auth: { authProvider: { name: 'oidc', config: { ...config, 'id-token': expired } } } }), {}, () => now);
  assert.ok(!none.ok);
  assert.equal(none.failure.code, 'credentials.oidc-failed');
});

test('removed gcp/azure auth-providers are explained with their replacements', async () => {
  const g = await listOnce(t({ auth: { authProvider: { name: 'gcp', config: {} } } }));
  assert.ok(!g.ok);
  assert.equal(g.failure.code, 'credentials.auth-provider-removed');
  assert.ok(g.failure.hints.some((h) => hintText(h, 'cli').includes('gke-gcloud-auth-plugin')));
  const a = await listOnce(t({ auth: { authProvider: { name: 'azure', config: {} } } }));
  assert.ok(!a.ok);
  assert.ok(a.failure.hints.some((h) => hintText(h, 'cli').includes('kubelogin')));
});

test('a 200 body that is not JSON, or JSON without a kind, is a classified failure', async () => {
  respond = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello": "world"}');
  const r = await listOnce(t());
  assert.ok(!r.ok);
  assert.equal(r.failure.code, 'response.not-kubernetes');
  respond = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  const s = await listOnce(t());
  assert.ok(!s.ok);
  assert.equal(s.failure.code, 'response.not-kubernetes');
});

test("kpods list persists a refreshed oidc token to the user's kubeconfig file", async () => {
  const fresh = jwt({ iss: httpsUrl, sub: 'jane', exp: 4102444800 });
  respond = (req, res) => {
    if (req.url === '/.well-known/openid-configuration')
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ issuer: httpsUrl, token_endpoint: `${httpsUrl}/token` }));
    if (req.url === '/token')
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id_token: fresh, refresh_token: 'refresh-new' }));
    okTable(req, res);
  };
  const path = join(dir, 'oidc.kubeconfig');
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'oidc',
      clusters: [{ name: 'local', cluster: { server: httpsUrl, 'certificate-authority-data': Buffer.from(ca).toString('base64') } }],
      users: [
        {
          name: 'oidc-user',
          user: {
            'auth-provider': {
              name: 'oidc',
              config: {
                'idp-issuer-url': httpsUrl,
                'client-id': 'kpods',
                'client-secret': 'shh',
                'refresh-token': 'refresh-old',
                'id-token': jwt({ iss: httpsUrl, sub: 'jane', exp: 1000 }),
                'idp-certificate-authority-data': Buffer.from(ca).toString('base64'),
              },
            },
          },
        },
      ],
      contexts: [{ name: 'oidc', context: { cluster: 'local', user: 'oidc-user', namespace: 'ns1' } }],
    }),
    { mode: 0o600 },
  );
  const r = await runCommand(['list', '--kubeconfig', path], { env: { HOME: dir, KUBECONFIG: undefined } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^NAME +READY +STATUS +RESTARTS +AGE\nweb-1 +1\/1 +Running +0 +5m\n$/);
  const saved = readFileSync(path, 'utf8');
  assert.ok(saved.includes(fresh), 'the new id-token was written back');
  assert.ok(saved.includes('refresh-new'));
  assert.ok(!r.stdout.includes(fresh) && !r.stderr.includes(fresh) && !r.stderr.includes('refresh-new'));
});

test('a server that ignores Table negotiation: cells computed locally with the shared printPod port', async () => {
  const created = new Date(Date.now() - 3 * 3600_000).toISOString();
  respond = (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '9' },
        items: [
          {
            metadata: { name: 'api-1', namespace: 'ns1', uid: 'u-1', creationTimestamp: created, labels: { app: 'api' } },
            spec: { containers: [{ name: 'api' }], nodeName: 'n1' },
            status: {
              phase: 'Running',
              podIPs: [{ ip: '10.0.0.9' }],
              containerStatuses: [{ name: 'api', ready: false, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
            },
          },
        ],
      }),
    );
  const r = await listOnce(t());
  assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
  const row = r.value.rows[0]!;
  assert.deepEqual(
    [row.key, row.ready, row.status, row.restarts, row.ageCell, row.ip, row.node, row.labels['app']],
    ['u-1', '0/1', 'CrashLoopBackOff', '0', '3h', '10.0.0.9', 'n1', 'api'],
  );
  assert.equal(row.createdAt?.toISOString(), created);
});
