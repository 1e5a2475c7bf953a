/** Choosing context, cluster and user, kubectl's override flags, in-cluster fallback, and the classified errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig, resolveTarget, type LoadedKubeconfig, type TargetOverrides } from '../../../src/core/kubeconfig/index.js';
import type { Host, Target } from '../../../src/core/target.js';
import type { Failure } from '../../../src/core/failure.js';
import { repoRoot } from '../../helpers/run-kpods.js';
import { hintText } from '../../../src/core/hint.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'kubeconfig', 'oracle');
const root = mkdtempSync(join(tmpdir(), 'kpods-resolve-'));
test.after(() => rmSync(root, { recursive: true, force: true }));
const noPod = join(root, 'no-service-account');

function host(env: Record<string, string> = {}, cwd = root): Host {
  return { env, home: join(root, 'home'), cwd, now: () => new Date(0) };
}

function write(name: string, text: string): string {
  const p = join(root, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

function load(kubeconfig: string, cwd = root): LoadedKubeconfig {
  const r = loadKubeconfig({ host: host({ KUBECONFIG: kubeconfig }, cwd) });
  if (!r.ok) throw new Error(r.failure.summary);
  return r.value;
}

function target(config: LoadedKubeconfig, o: TargetOverrides = {}, env: Record<string, string> = {}, sa = noPod): Target {
  const r = resolveTarget(config, o, host(env), { serviceAccountDir: sa });
  if (!r.ok) throw new Error(`${r.failure.code}: ${r.failure.summary}`);
  return r.value;
}

function fails(config: LoadedKubeconfig, o: TargetOverrides = {}, env: Record<string, string> = {}): Failure {
  const r = resolveTarget(config, o, host(env), { serviceAccountDir: noPod });
  assert.equal(r.ok, false, 'expected a failure');
  return (r as { ok: false; failure: Failure }).failure;
}

const BASE = `
clusters:
- name: c
  cluster:
    server: https://c.example:6443/
    certificate-authority: ca.crt
    tls-server-name: kube.test
- name: data
  cluster:
    server: https://data.example
    certificate-authority-data: ${Buffer.from('PEM-CA').toString('base64')}
- name: empty-server
  cluster: {}
- name: bad-proxy
  cluster: {server: "https://p", proxy-url: "socks6://example.com"}
users:
- name: u
  user:
    token: static
    tokenFile: tok
    client-certificate: certs/u.crt
    client-key-data: ${Buffer.from('PEM-KEY').toString('base64')}
- name: imp
  user: {as: alice, as-groups: [devs], as-uid: "42", as-user-extra: {scopes: [view]}}
- name: groups-only
  user: {as-groups: [devs]}
- name: exec
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ../relative/client/cmd, interactiveMode: Never}
- name: bare-exec
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: cmd}
- name: token-and-basic
  user: {token: t, username: a, password: b}
contexts:
- name: main
  context: {cluster: c, user: u, namespace: team}
- name: no-ns
  context: {cluster: data, user: imp}
- name: dangling-cluster
  context: {cluster: ghost, user: u}
- name: dangling-user
  context: {cluster: c, user: ghost}
- name: no-user
  context: {cluster: c}
- name: exec
  context: {cluster: c, user: exec}
current-context: main
`;

const base = write('dir/base.yaml', BASE);

test('the context picks cluster and user; paths resolve against the defining file; namespace from the context', () => {
  const t = target(load(base));
  assert.equal(t.contextName, 'main');
  assert.equal(t.clusterName, 'c');
  assert.equal(t.userName, 'u');
  assert.equal(t.server, 'https://c.example:6443');
  assert.equal(t.namespace, 'team');
  assert.equal(t.namespaceSource, 'context');
  assert.equal(t.tls.caFile, join(root, 'dir', 'ca.crt'));
  assert.equal(t.tls.serverName, 'kube.test');
  assert.equal(t.tls.certFile, join(root, 'dir', 'certs', 'u.crt'));
  assert.equal(t.tls.keyData, 'PEM-KEY');
  assert.equal(t.auth.token, 'static');
  assert.equal(t.auth.tokenFile, join(root, 'dir', 'tok'));
  assert.deepEqual(t.origins, { context: base, cluster: base, user: base });
  assert.equal(t.inCluster, false);
});

test('an exec command with a slash resolves against the file; a bare one does not', () => {
  const t = target(load(base), { context: 'exec' });
  assert.equal(t.auth.exec?.command, join(root, 'relative', 'client', 'cmd'));
  const bare = target(load(base), { user: 'bare-exec' });
  assert.equal(bare.auth.exec?.command, 'cmd');
  assert.equal(bare.auth.exec?.interactiveMode, 'IfAvailable');
  assert.equal(bare.userOverridden, true);
});

test('--insecure-skip-tls-verify clears the CA file and data', () => {
  const t = target(load(base), { insecureSkipTlsVerify: true });
  assert.equal(t.tls.insecureSkipVerify, true);
  assert.equal(t.tls.caFile, undefined);
  assert.equal(t.tls.caData, undefined);
  const d = target(load(base), { context: 'no-ns', insecureSkipTlsVerify: true });
  assert.equal(d.tls.caData, undefined);
});

test('--certificate-authority replaces CA data and the insecure flag, relative to the working directory', () => {
  const t = target(load(base), { context: 'no-ns', certificateAuthority: 'flag-ca.crt' });
  assert.equal(t.tls.caFile, join(root, 'flag-ca.crt'));
  assert.equal(t.tls.caData, undefined);
  assert.equal(t.tls.insecureSkipVerify, false);
  const both = fails(load(base), { insecureSkipTlsVerify: true, certificateAuthority: 'x' });
  assert.equal(both.code, 'kubeconfig.invalid');
});

test('--server clears the kubeconfig tls-server-name unless --tls-server-name is given', () => {
  assert.equal(target(load(base), { server: 'https://other:1' }).tls.serverName, undefined);
  assert.equal(target(load(base), { server: 'https://other:1' }).server, 'https://other:1');
  assert.equal(target(load(base), { server: 'https://other:1', tlsServerName: 'x.test' }).tls.serverName, 'x.test');
});

test('servers are kept as written (path prefix, no scheme); an empty server is explained', () => {
  const cfg = load(
    write(
      'servers.yaml',
      'clusters:\n- name: p\n  cluster: {server: "https://h:8080/foo/bar"}\n- name: s\n  cluster: {server: anything}\ncontexts:\n- name: p\n  context: {cluster: p}\n- name: s\n  context: {cluster: s}\n- name: e\n  context: {cluster: e}\n- name: e2\n  context: {cluster: e2}\n',
    ),
  );
  assert.equal(target(cfg, { context: 'p' }).server, 'https://h:8080/foo/bar');
  assert.equal(target(cfg, { context: 's' }).server, 'anything');
  const f = fails(load(base), { cluster: 'empty-server' });
  assert.equal(f.code, 'kubeconfig.invalid');
  assert.match(f.summary, /"empty-server" has no server/);
});

test('an unknown context is context-not-found, naming it and the files', () => {
  const f = fails(load(base), { context: 'not-present' });
  assert.equal(f.code, 'kubeconfig.context-not-found');
  assert.match(f.summary, /"not-present" named by --context/);
  assert.ok(f.detail?.includes(base));
  const cur = fails(load(write('cur-missing.yaml', 'current-context: gone\n')));
  assert.equal(cur.code, 'kubeconfig.context-not-found');
  assert.match(cur.summary, /current-context \(set in .*cur-missing\.yaml\)/);
});

test('a dangling cluster or user is explained instead of localhost:8080 or a prompt', () => {
  const c = fails(load(base), { context: 'dangling-cluster' });
  assert.equal(c.code, 'kubeconfig.cluster-not-found');
  assert.match(c.summary, /Cluster "ghost" named by context "dangling-cluster" \(in .*base\.yaml\)/);
  assert.match(c.hints.map((h) => hintText(h, 'cli')).join(' '), /localhost:8080/);
  const u = fails(load(base), { context: 'dangling-user' });
  assert.equal(u.code, 'kubeconfig.user-not-found');
  assert.match(u.summary, /User "ghost" named by context "dangling-user"/);
  assert.equal(fails(load(base), { cluster: 'nope' }).code, 'kubeconfig.cluster-not-found');
  assert.match(fails(load(base), { user: 'nope' }).summary, /named by --user/);
  // A context without a user is allowed: no credentials.
  assert.deepEqual(target(load(base), { context: 'no-user' }).auth, {});
  // --server stands in for a missing cluster, as in kubectl.
  assert.equal(target(load(base), { context: 'dangling-cluster', server: 'https://s' }).server, 'https://s');
});

test('no current context, and no kubeconfig at all, are explained', () => {
  const none = loadKubeconfig({ host: host({ KUBECONFIG: join(root, 'missing-a') }) });
  assert.ok(none.ok);
  // Missing files are tolerated, with one "Config not found" warning.
  assert.deepEqual(
    none.value.warnings.map((w) => w.message),
    [`Config not found: ${join(root, 'missing-a')}`],
  );
  const f = fails(none.value);
  assert.equal(f.code, 'kubeconfig.not-found');
  assert.ok(f.summary.includes(join(root, 'missing-a')));
  assert.match(f.hints.map((h) => hintText(h, 'cli')).join(' '), /kpods demo/);
  const empty = fails(load(write('no-current.yaml', 'contexts:\n- name: a\n  context: {cluster: x}\n')));
  assert.equal(empty.code, 'kubeconfig.no-current-context');
  assert.match(empty.hints.map((h) => hintText(h, 'cli')).join(' '), /"a"/);
});

test('--token beats the kubeconfig token and tokenFile', () => {
  const t = target(load(base), { token: 'flag' });
  assert.equal(t.auth.token, 'flag');
  assert.equal(t.auth.tokenFile, undefined);
});

test('proxy-url schemes: http, https, socks5 accepted; others refused', () => {
  for (const ok of ['socks5://p:1080', 'http://p:3128', 'https://p']) {
    const cfg = load(
      write(
        `proxy-${ok.split(':')[0]}.yaml`,
        `clusters:\n- name: x\n  cluster: {server: "https://x", proxy-url: "${ok}"}\ncontexts:\n- name: x\n  context: {cluster: x}\ncurrent-context: x\n`,
      ),
    );
    assert.equal(target(cfg).proxyUrl, ok);
  }
  for (const bad of ['socks6://example.com', 'example.com', 'chewbacca@example.com']) {
    const cfg = load(
      write(
        'proxy-bad.yaml',
        `clusters:\n- name: x\n  cluster: {server: "https://x", proxy-url: "${bad}"}\ncontexts:\n- name: x\n  context: {cluster: x}\ncurrent-context: x\n`,
      ),
    );
    const f = fails(cfg);
    assert.equal(f.code, 'kubeconfig.invalid', bad);
    assert.match(f.summary, /proxy-url/);
  }
});

test('the cluster exec extension is handed over verbatim', () => {
  const cfg = load(join(fixtures, 'exec.yaml'));
  const t = target(cfg, { cluster: 'with-ext', user: 'exec-v1' });
  assert.deepEqual(t.execClusterConfig, { audience: 'foo', other: 'bar', nested: { list: [1, 2.5, true, null, 's'] } });
  assert.equal(t.auth.exec?.provideClusterInfo, true);
  assert.deepEqual(t.auth.exec?.args, ['--region', 'eu']);
  assert.equal(t.disableCompression, true);
});

test('an empty config with a namespace override still needs a context', () => {
  const f = fails(load(write('empty-ns.yaml', '')), { namespace: 'foo' });
  assert.equal(f.code, 'kubeconfig.no-current-context');
  const t = target(load(base), { namespace: 'foo' });
  assert.deepEqual([t.namespace, t.namespaceSource], ['foo', 'flag']);
  assert.deepEqual(
    [target(load(base), { context: 'no-ns' }).namespace, target(load(base), { context: 'no-ns' }).namespaceSource],
    ['default', 'default'],
  );
});

test('impersonation from the kubeconfig and from --as/--as-group; groups without a user are refused', () => {
  const t = target(load(base), { context: 'no-ns' });
  assert.deepEqual(t.impersonate, { user: 'alice', uid: '42', groups: ['devs'], extra: { scopes: ['view'] } });
  const o = target(load(base), { context: 'no-ns', as: 'bob', asGroups: ['a', 'b'] });
  assert.deepEqual([o.impersonate.user, o.impersonate.groups], ['bob', ['a', 'b']]);
  assert.equal(fails(load(base), { user: 'groups-only' }).code, 'kubeconfig.invalid');
  assert.equal(fails(load(base), { asGroups: ['x'] }).code, 'kubeconfig.invalid');
});

test('a token together with basic auth is refused, as kubectl does', () => {
  const f = fails(load(base), { user: 'token-and-basic' });
  assert.equal(f.code, 'kubeconfig.invalid');
  assert.match(f.summary, /only one authentication method/);
});

test('--request-timeout: seconds, Go durations, 0 means no limit, junk is refused', () => {
  assert.equal(target(load(base), { requestTimeout: '30' }).requestTimeoutMs, 30_000);
  assert.equal(target(load(base), { requestTimeout: '1m30s' }).requestTimeoutMs, 90_000);
  assert.equal(target(load(base), { requestTimeout: '500ms' }).requestTimeoutMs, 500);
  assert.equal(target(load(base), { requestTimeout: '0' }).requestTimeoutMs, 0);
  assert.match(fails(load(base), { requestTimeout: 'abc' }).summary, /Invalid timeout value/);
});

test('in-cluster: used with no context chosen, with the pod namespace; a kubeconfig context keeps its own', () => {
  const sa = join(root, 'sa');
  mkdirSync(sa);
  writeFileSync(join(sa, 'token'), 'pod-token\n');
  writeFileSync(join(sa, 'ca.crt'), 'CA');
  writeFileSync(join(sa, 'namespace'), 'pod-ns\n');
  const env = { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' };
  const empty = loadKubeconfig({ host: host({ KUBECONFIG: join(root, 'none') }) });
  assert.ok(empty.ok);
  const t = target(empty.value, {}, env, sa);
  assert.equal(t.inCluster, true);
  assert.equal(t.server, 'https://[fd00::1]:443');
  assert.equal(t.auth.tokenFile, join(sa, 'token'));
  assert.equal(t.tls.caFile, join(sa, 'ca.crt'));
  assert.deepEqual([t.namespace, t.namespaceSource], ['pod-ns', 'in-cluster']);
  assert.equal(target(empty.value, {}, { ...env, POD_NAMESPACE: 'from-env' }, sa).namespace, 'from-env');
  assert.equal(target(empty.value, { token: 'x', server: 'https://s' }, env, sa).auth.token, 'x');
  // Inside a pod, a context without a namespace gets the pod's; an explicit one is kept.
  const inPod = target(load(base), { context: 'no-ns' }, env, sa);
  assert.deepEqual([inPod.inCluster, inPod.namespace, inPod.namespaceSource], [false, 'pod-ns', 'in-cluster']);
  assert.equal(target(load(base), {}, env, sa).namespace, 'team');
  // Without the token file, or without the variables, there is no in-cluster fallback.
  assert.equal(resolveTarget(empty.value, {}, host(env), { serviceAccountDir: noPod }).ok, false);
  assert.equal(resolveTarget(empty.value, {}, host({ KUBERNETES_SERVICE_HOST: 'h' }), { serviceAccountDir: sa }).ok, false);
});
