/**
 * The one request pipeline against the simulator: watches get the exec plugin's client
 * certificate and the one retry after a 401; the pod object and access review verbs; the 403/404
 * wording that names the verb and the object.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startSimulator, type Simulator } from '../../../src/sim/index.js';
import { loadKubeconfig, resolveTarget, type TargetOverrides } from '../../../src/core/kubeconfig/index.js';
import { createKubeClient, type KubeApiClient, type PodEvent } from '../../../src/core/client/index.js';
import type { Host, Target } from '../../../src/core/target.js';
import { repoRoot } from '../../helpers/run-kpods.js';

let sim: Simulator;
let dir: string;
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const plugin = join(repoRoot, 'test', 'fixtures', 'client', 'plugin.mjs');

before(async () => {
  sim = await startSimulator({ pods: 30 });
  dir = mkdtempSync(join(tmpdir(), 'kpods-session-'));
});
after(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

function host(): Host {
  return { env: { PATH: process.env['PATH'] }, home: dir, cwd: dir, now: () => new Date() };
}

function target(path: string, o: TargetOverrides = {}): Target {
  const loaded = loadKubeconfig({ explicitPath: path, host: host() });
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.failure));
  const t = resolveTarget(loaded.value, o, host());
  assert.ok(t.ok, JSON.stringify(!t.ok && t.failure));
  return t.value;
}

async function withClient<T>(t: Target, fn: (c: KubeApiClient) => Promise<T>): Promise<T> {
  const c = createKubeClient(t, { host: host() });
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

function execKubeconfig(name: string, env: Array<{ name: string; value: string }>): string {
  const path = join(dir, `${name}.kubeconfig`);
  const exec = { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never', env };
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': name,
      clusters: [{ name: 'sim', cluster: { server: sim.url, 'certificate-authority-data': b64(sim.secrets.caPem) } }],
      users: [{ name: `${name}-user`, user: { exec } }],
      contexts: [{ name, context: { cluster: 'sim', user: `${name}-user`, namespace: 'shop' } }],
    }),
  );
  return path;
}

/** A resourceVersion of shop's pods, and one pod deleted after it (so a watch from it replays the deletion). */
async function deletedAfterList(): Promise<{ rv: string; name: string }> {
  return withClient(target(sim.kubeconfigPath, { context: 'admin' }), async (admin) => {
    const list = await admin.listPods({ namespace: 'shop' });
    assert.ok(list.ok, JSON.stringify(!list.ok && list.failure));
    const victim = list.value.rows[list.value.rows.length - 1];
    assert.ok(victim && list.value.resourceVersion);
    assert.ok(sim.cluster.deletePod('shop', victim.name));
    return { rv: list.value.resourceVersion, name: victim.name };
  });
}

/** Watches shop from `rv` until the deletion of `name` arrives. */
async function watchUntilDeleted(c: KubeApiClient, rv: string, name: string) {
  const ac = new AbortController();
  const seen: PodEvent[] = [];
  const r = await c.watchPods(
    { namespace: 'shop' },
    rv,
    (e) => {
      seen.push(e);
      if (e.type === 'DELETED' && e.row.name === name) ac.abort();
    },
    ac.signal,
  );
  return { r, seen };
}

test('a watch presents the client certificate an exec plugin returns (the first request of the client is the watch)', async () => {
  const yaml = readFileSync(sim.kubeconfigPath, 'utf8');
  writeFileSync(join(dir, 'c.pem'), Buffer.from(/client-certificate-data: (\S+)/.exec(yaml)?.[1] ?? '', 'base64'));
  writeFileSync(join(dir, 'k.pem'), Buffer.from(/client-key-data: (\S+)/.exec(yaml)?.[1] ?? '', 'base64'));
  const { rv, name } = await deletedAfterList();
  const t = target(
    execKubeconfig('watch-cert', [
      { name: 'PLUGIN_MODE', value: 'cert' },
      { name: 'PLUGIN_CERT_FILE', value: join(dir, 'c.pem') },
      { name: 'PLUGIN_KEY_FILE', value: join(dir, 'k.pem') },
    ]),
  );
  await withClient(t, async (c) => {
    const { r, seen } = await watchUntilDeleted(c, rv, name);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.ok(seen.some((e) => e.type === 'DELETED' && e.row.name === name));
    assert.equal(await c.execRuns(), 1);
  });
});

test('a watch answered 401 runs the exec plugin again and retries once with the fresh token', async () => {
  const state = mkdtempSync(join(dir, 'rot-'));
  const tokenFile = join(state, 'token');
  writeFileSync(tokenFile, sim.secrets.execToken);
  const { rv, name } = await deletedAfterList();
  const t = target(
    execKubeconfig('watch-rotate', [
      { name: 'PLUGIN_MODE', value: 'rotate' },
      { name: 'PLUGIN_STATE_DIR', value: state },
      { name: 'PLUGIN_TOKEN_FILE', value: tokenFile },
    ]),
  );
  await withClient(t, async (c) => {
    const { r, seen } = await watchUntilDeleted(c, rv, name);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.ok(seen.some((e) => e.type === 'DELETED' && e.row.name === name));
    assert.equal(await c.execRuns(), 2, 'revoked token, 401, plugin run again, watch retried');
  });
});

test('a watch whose token stays rejected is a 401 naming the watch and the kubeconfig user to fix', async () => {
  const state = mkdtempSync(join(dir, 'stale-'));
  const tokenFile = join(state, 'token');
  writeFileSync(tokenFile, 'still-revoked');
  const t = target(
    execKubeconfig('watch-stale', [
      { name: 'PLUGIN_STATE_DIR', value: state },
      { name: 'PLUGIN_TOKEN_FILE', value: tokenFile },
    ]),
  );
  await withClient(t, async (c) => {
    const r = await c.watchPods({ namespace: 'shop' }, '0', () => undefined);
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'authentication.unauthorized');
    assert.match(r.failure.summary, /when trying to watch pods in namespace "shop"/);
    assert.match(r.failure.detail ?? '', /To fix: kubeconfig user "watch-stale-user" in /);
    assert.doesNotMatch(JSON.stringify(r.failure), /still-revoked/);
    assert.equal(await c.execRuns(), 2, 'one retry, not more');
  });
});

test('getPodObject returns the full Pod; a missing pod and a forbidden one are worded with the verb and the object', async () => {
  await withClient(target(sim.kubeconfigPath, { context: 'admin' }), async (c) => {
    const list = await c.listPods({ namespace: 'shop' });
    assert.ok(list.ok);
    const name = list.value.rows[0]!.name;
    const pod = await c.getPodObject('shop', name);
    assert.ok(pod.ok, JSON.stringify(!pod.ok && pod.failure));
    assert.equal(pod.value.kind, 'Pod');
    assert.equal(pod.value.metadata?.name, name);
    assert.equal(pod.value.metadata?.namespace, 'shop');
    assert.ok((pod.value.spec?.containers ?? []).length > 0, 'the spec is there');
    assert.ok(pod.value.status?.phase);
    const missing = await c.getPodObject('shop', 'no-such-pod');
    assert.ok(!missing.ok);
    assert.equal(missing.failure.code, 'response.not-found');
    assert.equal(missing.failure.summary, 'The pod "no-such-pod" was not found in namespace "shop" (404 Not Found).');
    assert.match(missing.failure.detail ?? '', /The server said: pods "no-such-pod" not found/);
  });
  await withClient(target(sim.kubeconfigPath, { context: 'developer' }), async (c) => {
    const r = await c.getPodObject('default', 'web-1');
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'authorization.forbidden');
    assert.equal(r.failure.summary, 'You are authenticated, but not allowed to get pod "web-1" in namespace "default" (403 Forbidden).');
    const list = await c.listPods({ namespace: 'default' });
    assert.ok(!list.ok);
    assert.match(list.failure.summary, /not allowed to list pods in namespace "default" \(403 Forbidden\)/, 'list wording unchanged');
  });
});

test('accessReview asks about any verb, subresource, name and group; canI still answers', async () => {
  await withClient(target(sim.kubeconfigPath, { context: 'developer' }), async (c) => {
    const log = await c.accessReview({ verb: 'get', resource: 'pods', subresource: 'log', namespace: 'shop', name: 'web-1' });
    assert.ok(log.ok, JSON.stringify(!log.ok && log.failure));
    assert.equal(log.value.allowed, true);
    assert.ok(log.value.reason === undefined || typeof log.value.reason === 'string');
    const exec = await c.accessReview({ verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-1' });
    assert.ok(exec.ok);
    assert.equal(exec.value.allowed, true, 'developers may exec in shop (but not delete there)');
    const remove = await c.accessReview({ verb: 'delete', resource: 'pods', namespace: 'shop', name: 'web-1' });
    assert.ok(remove.ok);
    assert.equal(remove.value.allowed, false, 'developers may not delete pods in shop');
    const del = await c.accessReview({ verb: 'delete', resource: 'pods', namespace: 'shop' });
    assert.ok(del.ok);
    assert.equal(del.value.allowed, false);
    const deploy = await c.accessReview({ verb: 'list', resource: 'deployments', group: 'apps', namespace: 'shop' });
    assert.ok(deploy.ok);
    assert.equal(deploy.value.allowed, false, 'the group is sent: pods rules do not cover apps/deployments');
    const nsByName = await c.accessReview({ verb: 'get', resource: 'namespaces', name: 'shop' });
    assert.ok(nsByName.ok);
    assert.equal(nsByName.value.allowed, true, 'resourceNames rule matches the name');
    const other = await c.accessReview({ verb: 'get', resource: 'namespaces', name: 'default' });
    assert.ok(other.ok);
    assert.equal(other.value.allowed, false);
    const can = await c.canI('list', 'pods', 'shop');
    assert.ok(can.ok);
    assert.equal(can.value, true);
  });
  await withClient(target(sim.kubeconfigPath, { context: 'admin' }), async (c) => {
    const del = await c.accessReview({ verb: 'delete', resource: 'pods', namespace: 'shop', name: 'web-1' });
    assert.ok(del.ok);
    assert.equal(del.value.allowed, true);
  });
});
