/**
 * Issue 17 item 4 (proxy): a proxy that answers CONNECT with errors is not hammered. Commands
 * send one CONNECT per attempt; the browser retries with a growing wait. Each is classified as
 * the proxy's failure. Loopback only: the proxy and the (never reached) server are on 127.0.0.1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { listCommand } from '../../../src/commands/list.js';
import { traceCommand } from '../../../src/commands/trace.js';
import { classifyError } from '../../../src/core/client/classify.js';
import { kubeDeps, loadSource } from '../../../src/ui/kube-deps.js';
import { UiSession } from '../../../src/ui/session.js';
import { createStore } from '../../../src/ui/store.js';
import { runCommand, tempDir, writeKubeconfig } from '../../helpers/hostile.js';

interface Proxy {
  url: string;
  connects: number[];
  close(): Promise<void>;
}

/** An HTTP proxy that answers every CONNECT with `answer` (and closes, unless `keepOpen`). */
async function refusingProxy(answer: string, keepOpen = false): Promise<Proxy> {
  const connects: number[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(502).end());
  server.on('connection', (s: Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  server.on('connect', (_req, socket: Socket) => {
    connects.push(performance.now());
    const head = `HTTP/1.1 ${answer}\r\ncontent-length: 0\r\n\r\n`;
    if (keepOpen) socket.write(head);
    else socket.end(head);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const UNREACHED = { url: 'https://127.0.0.1:9', ca: '' };
/** The cluster fields: the proxy, and no CA (the server is never reached). */
const via = (proxyUrl: string): Record<string, unknown> => ({
  'proxy-url': proxyUrl,
  'insecure-skip-tls-verify': true,
  'certificate-authority-data': undefined,
});

for (const [answer, keepOpen] of [
  ['502 Bad Gateway', false],
  ['403 Forbidden', true],
  ['407 Proxy Authentication Required', false],
] as const) {
  test(`kpods list and trace: a proxy answering CONNECT with ${answer} gets a few CONNECTs, classified connection.proxy`, async (t) => {
    const proxy = await refusingProxy(answer, keepOpen);
    const { dir, cleanup } = tempDir();
    t.after(async () => (cleanup(), await proxy.close()));
    const kc = writeKubeconfig(dir, UNREACHED, { token: 'tok-proxy-1' }, { cluster: via(proxy.url) });
    const l = await runCommand(listCommand, ['--kubeconfig', kc], { home: dir });
    assert.equal(l.code === 0, false);
    assert.match(l.stderr, /connection\.proxy/);
    assert.ok(proxy.connects.length <= 2, `list: ${proxy.connects.length} CONNECTs`);
    const before = proxy.connects.length;
    const tr = await runCommand(traceCommand, ['--kubeconfig', kc], { home: dir });
    assert.match(tr.stdout, /through the proxy/);
    assert.ok(proxy.connects.length - before <= 4, `trace: ${proxy.connects.length - before} CONNECTs`);
  });
}

test('a SOCKS5 proxy that is not one (or answers with an error) is connection.proxy, not connection.reset', () => {
  const err = Object.assign(new Error('SOCKS5 proxy error'), { code: 'UND_ERR_SOCKS5_VERSION' });
  const f = classifyError(err, { server: 'https://127.0.0.1:6443', proxy: 'socks5://127.0.0.1:1080' });
  assert.equal(f.code, 'connection.proxy');
  assert.match(f.summary, /through the proxy socks5:\/\/127\.0\.0\.1:1080/);
});

test('the browser: a refusing proxy is retried with a growing wait and a bounded number of CONNECTs', async (t) => {
  const proxy = await refusingProxy('502 Bad Gateway');
  const { dir, cleanup } = tempDir();
  const kc = writeKubeconfig(dir, UNREACHED, { token: 'tok-proxy-1' }, { cluster: via(proxy.url) });
  const host = { env: {}, home: dir, cwd: dir, now: () => new Date() };
  const store = createStore();
  const failedAt: number[] = [];
  let poke = (): void => undefined;
  const dispatch = store.dispatch;
  store.dispatch = (a) => {
    dispatch(a);
    if (a.type !== 'failed') return;
    failedAt.push(performance.now());
    poke();
  };
  const deps = kubeDeps({ host, explicitPath: kc, overrides: {}, source: loadSource(host, kc) });
  const session = new UiSession(store, deps, { intervalMs: 100, watch: false }, { context: 'hostile' });
  t.after(async () => (await session.stop(), cleanup(), await proxy.close()));
  const fourth = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${failedAt.length} failures in 10 s`)), 10_000);
    poke = () => {
      if (failedAt.length < 4) return;
      clearTimeout(timer);
      resolve();
    };
  });
  session.start();
  await fourth;
  const f = store.getState().table.failure;
  assert.equal(f?.code, 'connection.proxy');
  // Waits of 100, 200 and 400 ms between the four attempts; every request of the session counted.
  assert.ok(failedAt[3]! - failedAt[0]! >= 600, `four failures within ${Math.round(failedAt[3]! - failedAt[0]!)} ms`);
  assert.ok(proxy.connects.length <= 20, `${proxy.connects.length} CONNECTs`);
});

test('a SOCKS5 proxy answering garbage: kpods list says connection.proxy', async (t) => {
  const sockets = new Set<Socket>();
  let hits = 0;
  const server = createTcpServer((s) => {
    hits++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.end(Buffer.from([0x04, 0x5b])); // a SOCKS4 "rejected" reply to a SOCKS5 greeting
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `socks5://127.0.0.1:${(server.address() as { port: number }).port}`;
  const { dir, cleanup } = tempDir();
  t.after(async () => {
    cleanup();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const kc = writeKubeconfig(dir, UNREACHED, { token: 'tok-proxy-1' }, { cluster: via(url) });
  const l = await runCommand(listCommand, ['--kubeconfig', kc], { home: dir });
  assert.match(l.stderr, /connection\.proxy/, l.stderr);
  assert.ok(hits <= 2, `${hits} connections`);
});
