/**
 * The real kubectl 1.32 against the simulator over HTTPS, with every credential type: the
 * simulator must be indistinguishable from kube-apiserver for what kubectl does here.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findKubectl, runKubectl, spawnKubectl, startTestSimulator, type Simulator } from '../helpers/sim.js';
import { requireTool } from '../helpers/tools.js';

const kubectl = findKubectl();
// Set again when the tests start (a test shard imports all its files first, and kubectl's clock is the real one).
let FROZEN = new Date();
let sim: Simulator;
const k = (args: string[], context = 'admin', env?: Record<string, string>) =>
  runKubectl(args, { kubeconfig: sim.kubeconfigPath, context, ...(env ? { env } : {}) });
const rows = (out: string) => out.trim().split('\n').slice(1);

before(async () => {
  // A frozen server clock keeps AGE and "(5m ago)" cells exact however slow the machine is.
  FROZEN = new Date();
  if (kubectl) sim = await startTestSimulator({ pods: 60, now: () => FROZEN });
});
after(async () => {
  await sim?.close();
});

function need(t: { skip: (m: string) => void }): boolean {
  return requireTool(t, 'kubectl', 'the kubectl-vs-simulator tests');
}

test('get pods with a client certificate: kubectl columns and the cells of printPod', async (t) => {
  if (!need(t)) return;
  const r = await k(['get', 'pods']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
  const defaultPods = [...sim.cluster.iterate('default')].map((v) => v.pod.metadata?.name);
  assert.deepEqual(
    rows(r.stdout).map((l) => l.split(/\s+/)[0]),
    defaultPods,
  );
  assert.match(r.stdout, /\n\S+\s+0\/1\s+CrashLoopBackOff\s+17 \(5m ago\)\s+2d3h\n/);
  assert.match(r.stdout, /\n\S+\s+1\/1\s+Terminating\s+0\s+3h1m\n/);
  assert.match(r.stdout, /\n\S+\s+1\/2\s+NotReady\s+0\s+24h\n/);
});

test('get pods -A -o wide: NAMESPACE first, the priority-1 columns shown', async (t) => {
  if (!need(t)) return;
  const r = await k(['get', 'pods', '-A', '-o', 'wide']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout.split('\n')[0]!,
    /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
  );
  assert.equal(rows(r.stdout).length, sim.cluster.size);
  assert.match(r.stdout, /\npayments\s+\S+\s+0\/1\s+SchedulingGated\s+0\s+10m\s+<none>\s+<none>\s+<none>\s+<none>\n/);
  assert.match(r.stdout, /\nmonitoring\s+\S+\s+0\/1\s+Pending\s+0\s+179m\s+<none>\s+<none>\s+worker-2\s+<none>\n/);
  assert.match(r.stdout, /\nshop\s+\S+\s+1\/1\s+Running\s+0\s+2y40d\s+10\.\S+\s+worker-\d+\s+<none>\s+1\/2\n/);
  assert.match(r.stdout, /\nshop\s+\S+\s+2\/2\s+Running\s+2 \(7m ago\)\s+2d\s/);
});

test('get pods -l and --field-selector (viewer over basic auth)', async (t) => {
  if (!need(t)) return;
  // Independent kubectl runs: all at once.
  const [byLabel, byField, bad] = await Promise.all([
    k(['get', 'pods', '-n', 'shop', '-l', 'app in (cart),tier=app'], 'viewer-basic'),
    k(['get', 'pods', '-A', '--field-selector', 'status.phase=Failed,metadata.namespace!=batch'], 'viewer-basic'),
    k(['get', 'pods', '--field-selector', 'spec.foo=bar']),
  ]);
  assert.equal(byLabel.code, 0, byLabel.stderr);
  assert.ok(rows(byLabel.stdout).length > 0);
  for (const line of rows(byLabel.stdout)) assert.match(line, /^cart-/);
  assert.equal(byField.code, 0, byField.stderr);
  const want = [...sim.cluster.iterate()]
    .filter((v) => v.pod.status?.phase === 'Failed' && v.namespace !== 'batch')
    .map((v) => `${v.namespace}/${v.pod.metadata?.name}`);
  assert.ok(want.length >= 2);
  assert.deepEqual(
    rows(byField.stdout).map((l) => l.split(/\s+/).slice(0, 2).join('/')),
    want,
  );
  assert.match(byField.stdout, /\s+Evicted\s+/);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /Error from server \(BadRequest\): .*field label not supported: spec\.foo/);
});

test('get pods -w: a change made in the cluster arrives as a row', async (t) => {
  if (!need(t)) return;
  const watch = spawnKubectl(['get', 'pods', '-n', 'payments', '-w'], { kubeconfig: sim.kubeconfigPath, context: 'admin' });
  try {
    await watch.waitFor(/^NAME\s+READY/m);
    await watch.waitFor(/ledger-\d+\s+0\/1\s+Init:1\/2/);
    sim.cluster.putPod({
      metadata: { name: 'watched-1', namespace: 'payments', creationTimestamp: new Date(FROZEN.getTime() - 42_000).toISOString() },
      spec: { containers: [{ name: 'app' }] },
      status: { phase: 'Pending', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }] },
    });
    await watch.waitFor(/watched-1\s+0\/1\s+ContainerCreating\s+0\s+42s/);
    sim.cluster.updatePod('payments', 'watched-1', (p) => {
      p.status = {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }],
      };
    });
    await watch.waitFor(/watched-1\s+1\/1\s+Running/);
  } finally {
    await watch.stop();
    sim.cluster.deletePod('payments', 'watched-1');
  }
});

test('auth whoami with certificate, token, basic auth and exec plugin', async (t) => {
  if (!need(t)) return;
  const cases: Array<[string, RegExp]> = [
    ['admin', /Username\s+kpods-admin\nGroups\s+\[system:masters system:authenticated\]/],
    ['developer', /Username\s+jane@example\.com\nUID\s+4f1c7b2e-\S+\nGroups\s+\[developers system:authenticated\]/],
    ['viewer-basic', /Username\s+ops\nGroups\s+\[viewers system:authenticated\]/],
    ['exec-ok', /Username\s+exec-user@example\.com/],
  ];
  const results = await Promise.all(cases.map(([context]) => k(['auth', 'whoami'], context)));
  for (const [i, [context, want]] of cases.entries()) {
    const r = results[i]!;
    assert.equal(r.code, 0, `${context}: ${r.stderr}`);
    assert.match(r.stdout, /^ATTRIBUTE\s+VALUE\n/);
    assert.match(r.stdout, want, context);
  }
});

test('the exec plugin receives KUBERNETES_EXEC_INFO with the cluster', async (t) => {
  if (!need(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'kpods-exec-info-'));
  try {
    const file = join(dir, 'info.json');
    const r = await k(['get', 'pods', '-n', 'shop'], 'exec-ok', { KPODS_SIM_EXEC_INFO_FILE: file });
    assert.equal(r.code, 0, r.stderr);
    const info = JSON.parse(readFileSync(file, 'utf8')) as {
      apiVersion?: string;
      spec?: { interactive?: boolean; cluster?: { server?: string } };
    };
    assert.equal(info.apiVersion, 'client.authentication.k8s.io/v1');
    assert.equal(info.spec?.cluster?.server, sim.url);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('auth can-i: yes and no, from the same grants (protobuf bodies)', async (t) => {
  if (!need(t)) return;
  const [yes, no, noAll, admin] = await Promise.all([
    k(['auth', 'can-i', 'list', 'pods', '-n', 'shop'], 'developer'),
    k(['auth', 'can-i', 'list', 'pods', '-n', 'default'], 'developer'),
    k(['auth', 'can-i', 'watch', 'pods', '-A'], 'developer'),
    k(['auth', 'can-i', 'delete', 'pods', '-A']),
  ]);
  assert.equal(yes.code, 0, yes.stderr);
  assert.equal(yes.stdout, 'yes\n');
  assert.equal(no.code, 1);
  assert.equal(no.stdout, 'no\n');
  assert.equal(noAll.stdout, 'no\n');
  assert.equal(admin.stdout, 'yes\n');
});

test('auth can-i --list shows the rules of the namespace', async (t) => {
  if (!need(t)) return;
  const [r, elsewhere] = await Promise.all([
    k(['auth', 'can-i', '--list', '-n', 'shop'], 'developer'),
    k(['auth', 'can-i', '--list', '-n', 'default'], 'developer'),
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs\n/);
  assert.match(r.stdout, /\npods\s+\[\]\s+\[\]\s+\[get list watch\]\n/);
  assert.match(r.stdout, /\nselfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]\n/);
  assert.doesNotMatch(elsewhere.stdout, /\npods\s/);
});

test('get ns', async (t) => {
  if (!need(t)) return;
  const r = await k(['get', 'ns']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^NAME\s+STATUS\s+AGE\n/);
  assert.match(r.stdout, /\nshop\s+Active\s+400d\n/);
  assert.equal(rows(r.stdout).length, sim.cluster.namespaces.length);
  const watch = spawnKubectl(['get', 'ns', '-w'], { kubeconfig: sim.kubeconfigPath, context: 'admin' });
  try {
    await watch.waitFor(/\nshop\s+Active\s+400d\n/);
  } finally {
    await watch.stop();
  }
});

test('403 in kube-apiserver words: namespace and cluster scope', async (t) => {
  if (!need(t)) return;
  const [ns, all, one, missing] = await Promise.all([
    k(['get', 'pods'], 'developer'),
    k(['get', 'pods', '-A'], 'developer'),
    k(['get', 'pod', 'x', '-n', 'payments'], 'developer'),
    k(['get', 'pod', 'nope', '-n', 'shop'], 'developer'),
  ]);
  assert.equal(ns.code, 1);
  assert.equal(
    ns.stderr,
    'Error from server (Forbidden): pods is forbidden: User "jane@example.com" cannot list resource "pods" in API group "" in the namespace "default"\n',
  );
  assert.equal(
    all.stderr,
    'Error from server (Forbidden): pods is forbidden: User "jane@example.com" cannot list resource "pods" in API group "" at the cluster scope\n',
  );
  assert.equal(
    one.stderr,
    'Error from server (Forbidden): pods "x" is forbidden: User "jane@example.com" cannot get resource "pods" in API group "" in the namespace "payments"\n',
  );
  assert.equal(missing.stderr, 'Error from server (NotFound): pods "nope" not found\n');
});

test('broken scenarios fail as against a real cluster: 401, TLS, refused, HTML, exec', async (t) => {
  if (!need(t)) return;
  const [expired, expiredGet, wrongCa, mismatch, refused, html, missing, fails, reset] = await Promise.all([
    k(['auth', 'whoami'], 'expired-token'),
    k(['get', 'pods'], 'expired-token'),
    k(['auth', 'whoami'], 'wrong-ca'),
    k(['auth', 'whoami'], 'hostname-mismatch'),
    k(['auth', 'whoami'], 'nothing-listening'),
    k(['get', 'pods'], 'html-login'),
    k(['auth', 'whoami'], 'exec-missing'),
    k(['auth', 'whoami'], 'exec-fails'),
    k(['auth', 'whoami'], 'reset'),
  ]);
  assert.equal(expired.code, 1);
  assert.equal(expired.stderr, 'error: You must be logged in to the server (Unauthorized)\n');
  assert.match(
    expiredGet.stderr,
    /error: You must be logged in to the server \(the server has asked for the client to provide credentials\)\n$/,
  );
  assert.equal(
    wrongCa.stderr,
    'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority\n',
  );
  assert.equal(
    mismatch.stderr,
    'Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for 10.96.0.1, not 127.0.0.1\n',
  );
  assert.match(refused.stderr, /^The connection to the server 127\.0\.0\.1:\d+ was refused - did you specify the right host or port\?\n$/);
  assert.equal(html.code, 1);
  assert.match(html.stderr, /invalid character '<' looking for beginning of value/);
  assert.match(missing.stderr, /executable kpods-sim-login not found/);
  assert.match(missing.stderr, /kpods-sim-login is not installed/);
  assert.match(fails.stderr, /the identity provider rejected the refresh token/);
  assert.match(fails.stderr, /exit code 1/);
  assert.match(reset.stderr, /connection reset by peer|unexpected EOF/);
});
