/**
 * Every failure code produced by a real scenario (the simulator, or a real local server or
 * process built for the case) and classified right, through `kpods list` run in-process.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startSimulator, type Simulator } from '../../../src/sim/index.js';
import { repoRoot, type RunResult } from '../../helpers/run-kpods.js';
import { runCommand } from '../../helpers/run-command.js';
import { caAndLeaf, strayKey } from './tls-fixtures.js';

let sim: Simulator;
let dir: string;
const servers: Array<HttpsServer | NetServer> = [];
const sockets = new Set<Socket>();
const b64 = (s: string): string => Buffer.from(s).toString('base64');
let adminCert = '';

function listen(s: HttpsServer | NetServer): Promise<number> {
  servers.push(s);
  s.on('connection', (sock: Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));
}

before(async () => {
  // Far slower than the request timeout below, so a loaded machine's slow TLS handshake cannot be mistaken for it.
  sim = await startSimulator({ pods: 30, slowMs: 8000 });
  dir = mkdtempSync(join(tmpdir(), 'kpods-failures-'));
  const yaml = readFileSync(sim.kubeconfigPath, 'utf8');
  adminCert = Buffer.from(/client-certificate-data: (\S+)/.exec(yaml)?.[1] ?? '', 'base64').toString('utf8');
});

after(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a one-context kubeconfig (JSON is YAML) and returns its path. */
function kubeconfig(name: string, cluster: Record<string, unknown>, user: Record<string, unknown>): string {
  const path = join(dir, `${name}.kubeconfig`);
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': name,
      clusters: [{ name, cluster }],
      users: [{ name, user }],
      contexts: [{ name, context: { cluster: name, user: name, namespace: 'default' } }],
    }),
    { mode: 0o600 },
  );
  return path;
}

const simCluster = (): Record<string, unknown> => ({ server: sim.url, 'certificate-authority-data': b64(sim.secrets.caPem) });

async function list(args: string[]): Promise<RunResult & { failureCode?: string }> {
  const r = await runCommand(['list', ...args], { env: { HOME: dir, KUBECONFIG: undefined } });
  const m = /stage: [a-z]+ \(([a-z]+\.[a-z-]+)\)/.exec(r.stderr);
  return m?.[1] ? { ...r, failureCode: m[1] } : r;
}

async function expectCode(args: string[], code: string, exit: number): Promise<RunResult> {
  const r = await list(args);
  assert.equal((r as { failureCode?: string }).failureCode, code, `stderr:\n${r.stderr}`);
  assert.equal(r.code, exit, r.stderr);
  assert.equal(r.stdout, '');
  assert.doesNotMatch(r.stderr, /\u001b/);
  return r;
}

const ctx = (c: string): string[] => ['--kubeconfig', sim.kubeconfigPath, '--context', c];

test('simulator scenarios are classified by stage and code, with the exit code of the stage', async () => {
  // Independent commands: all at once.
  const [, , , ca, hn, u, f, h] = await Promise.all([
    expectCode(ctx('exec-missing'), 'credentials.exec-not-found', 4),
    expectCode(ctx('exec-fails'), 'credentials.exec-failed', 4),
    expectCode(ctx('nothing-listening'), 'connection.refused', 5),
    expectCode(ctx('wrong-ca'), 'connection.tls-unknown-authority', 5),
    expectCode(ctx('hostname-mismatch'), 'connection.tls-hostname-mismatch', 5),
    expectCode(ctx('expired-token'), 'authentication.unauthorized', 6),
    expectCode(ctx('developer'), 'authorization.forbidden', 7),
    expectCode(ctx('html-login'), 'response.not-kubernetes', 8),
    expectCode([...ctx('slow'), '--request-timeout=2s'], 'response.timeout', 8),
  ]);
  assert.match(ca.stderr, /certificate-authority/);
  assert.match(hn.stderr, /tls-server-name/);
  assert.match(u.stderr, /Sent: bearer token from the kubeconfig/);
  assert.match(f.stderr, /list pods in namespace "default"/);
  assert.match(f.stderr, /knows you as "jane@example.com", in groups developers/);
  // No context names "shop": kpods learns it from the cluster-wide rule that names the namespace.
  assert.match(f.stderr, /You may list pods in: shop/);
  assert.match(h.stderr, /web page/);
});

test('a 403 names the namespaces where listing pods is allowed', async () => {
  const path = join(dir, 'dev-two.kubeconfig');
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'dev',
      clusters: [{ name: 'sim', cluster: simCluster() }],
      users: [{ name: 'dev', user: { token: sim.secrets.developerToken } }],
      contexts: [
        { name: 'dev', context: { cluster: 'sim', user: 'dev', namespace: 'default' } },
        { name: 'dev-shop', context: { cluster: 'sim', user: 'dev', namespace: 'shop' } },
      ],
    }),
  );
  const r = await expectCode(['--kubeconfig', path], 'authorization.forbidden', 7);
  assert.match(r.stderr, /You may list pods in: shop/);
});

test('credential files, plugin output, certificates and keys', async () => {
  const tokenFile = expectCode(
    ['--kubeconfig', kubeconfig('token-file', simCluster(), { tokenFile: join(dir, 'no-such-token') })],
    'credentials.file-unreadable',
    4,
  );
  const plugin = join(repoRoot, 'test', 'fixtures', 'client', 'plugin.mjs');
  const badPlugin = expectCode(
    [
      '--kubeconfig',
      kubeconfig('bad-plugin', simCluster(), {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: process.execPath,
          args: [plugin],
          env: [{ name: 'PLUGIN_MODE', value: 'bad-json' }],
          interactiveMode: 'Never',
        },
      }),
    ],
    'credentials.exec-invalid-output',
    4,
  );
  const mismatch = expectCode(
    [
      '--kubeconfig',
      kubeconfig('mismatch', simCluster(), { 'client-certificate-data': b64(adminCert), 'client-key-data': b64(await strayKey()) }),
    ],
    'credentials.cert-key-mismatch',
    4,
  );
  const old = await caAndLeaf({
    usage: 'client',
    cn: 'old-admin',
    notBefore: new Date(Date.now() - 30 * 86400_000),
    notAfter: new Date(Date.now() - 86400_000),
  });
  const expiredCert = expectCode(
    [
      '--kubeconfig',
      kubeconfig('expired-cert', simCluster(), { 'client-certificate-data': b64(old.leaf.cert), 'client-key-data': b64(old.leaf.key) }),
    ],
    'credentials.cert-expired',
    4,
  );
  const [, , , expired] = await Promise.all([tokenFile, badPlugin, mismatch, expiredCert]);
  assert.match(expired.stderr, /CN=old-admin/);
});

test('connection failures: DNS, timeout, proxy, expired server certificate, TLS protocol', async () => {
  const runs: Array<Promise<RunResult>> = [];
  runs.push(
    expectCode(
      ['--kubeconfig', kubeconfig('dns', { server: 'https://kpods-no-such-host.invalid:6443' }, { token: 'x' })],
      'connection.dns',
      5,
    ),
  );

  const silent = createNetServer(() => {});
  const silentPort = await listen(silent);
  runs.push(
    expectCode(
      ['--kubeconfig', kubeconfig('silent', { server: `https://127.0.0.1:${silentPort}` }, {}), '--request-timeout=700ms'],
      'connection.timeout',
      5,
    ),
  );

  const dead = createNetServer();
  const deadPort = await listen(dead);
  await new Promise((r) => dead.close(r));
  servers.splice(servers.indexOf(dead), 1);
  runs.push(
    expectCode(
      [
        '--kubeconfig',
        kubeconfig(
          'proxy',
          { ...simCluster(), server: 'https://kubernetes.example.test:6443', 'proxy-url': `http://127.0.0.1:${deadPort}` },
          {},
        ),
      ],
      'connection.proxy',
      5,
    ),
  );

  const old = await caAndLeaf({
    usage: 'server',
    cn: 'old-apiserver',
    notBefore: new Date(Date.now() - 30 * 86400_000),
    notAfter: new Date(Date.now() - 86400_000),
  });
  const expiredServer = createHttpsServer({ cert: old.leaf.cert, key: old.leaf.key }, (_req, res) => res.end('{}'));
  const expiredPort = await listen(expiredServer);
  runs.push(
    expectCode(
      [
        '--kubeconfig',
        kubeconfig('expired-server', { server: `https://127.0.0.1:${expiredPort}`, 'certificate-authority-data': b64(old.ca.cert) }, {}),
      ],
      'connection.tls-cert-expired',
      5,
    ),
  );

  const plain = createNetServer((sock) => sock.once('data', () => sock.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
  const plainPort = await listen(plain);
  runs.push(
    expectCode(['--kubeconfig', kubeconfig('plain', { server: `https://127.0.0.1:${plainPort}` }, {})], 'connection.tls-protocol', 5),
  );
  // Independent commands: all at once.
  await Promise.all(runs);
});

test('a 401 names the credential that was sent: JWT issuer, subject and expiry, never the token', async () => {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${enc({ alg: 'RS256' })}.${enc({ iss: 'https://issuer.example', sub: 'system:serviceaccount:ci:deployer', exp: 1700000000 })}.c2lnbmF0dXJl`;
  const r = await expectCode(['--kubeconfig', kubeconfig('jwt', simCluster(), { token })], 'authentication.unauthorized', 6);
  assert.match(
    r.stderr,
    /bearer token \(JWT\) from the kubeconfig \(token\): issuer https:\/\/issuer\.example, subject system:serviceaccount:ci:deployer, expired [0-9yd]+ ago \(2023-11-14T22:13:20\.000Z\)/,
  );
  assert.match(r.stderr, /To fix: kubeconfig user "jwt"/);
  assert.ok(!r.stderr.includes(token) && !r.stderr.includes('c2lnbmF0dXJl'));
});

test('trace reports a missing kubeconfig at the kubeconfig stage (exit 3)', async () => {
  const r = await runCommand(['trace', '-o', 'json', '--kubeconfig', join(dir, 'nope.yaml')], {
    env: { HOME: dir, KUBECONFIG: undefined },
  });
  assert.equal(r.code, 3);
  const report = JSON.parse(r.stdout) as { ok: boolean; stages: Array<{ name: string; status: string; code: string | null }> };
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.stages.map((s) => `${s.name}:${s.status}`),
    [
      'kubeconfig:failed',
      'credentials:skipped',
      'connection:skipped',
      'authentication:skipped',
      'authorization:skipped',
      'response:skipped',
    ],
  );
  assert.equal(report.stages[0]?.code, 'kubeconfig.not-found');
});

test('usage errors exit 2', async () => {
  const [r, o] = await Promise.all([list(['--no-such-flag']), list(['-o', 'yaml'])]);
  assert.equal(r.code, 2);
  assert.equal(o.code, 2);
});

test('tls-server-name fixes the hostname mismatch: it is the SNI and the verified name', async () => {
  const [r] = await Promise.all([
    list([...ctx('hostname-mismatch'), '--tls-server-name', 'kubernetes.internal.example']),
    expectCode([...ctx('hostname-mismatch'), '--tls-server-name', 'wrong.example'], 'connection.tls-hostname-mismatch', 5),
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^NAME +READY +STATUS/);
});
