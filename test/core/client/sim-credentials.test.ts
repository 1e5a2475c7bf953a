/** Each credential type authenticates against the simulator over real HTTPS; exec info and rotation. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startSimulator, type Simulator } from '../../../src/sim/index.js';
import { loadKubeconfig, resolveTarget, type TargetOverrides } from '../../../src/core/kubeconfig/index.js';
import { createKubeClient, diagnose, type KubeApiClient } from '../../../src/core/client/index.js';
import type { Host, Target } from '../../../src/core/target.js';
import { repoRoot } from '../../helpers/run-kpods.js';
import { hintText } from '../../../src/core/hint.js';

let sim: Simulator;
let dir: string;
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const plugin = join(repoRoot, 'test', 'fixtures', 'client', 'plugin.mjs');

before(async () => {
  sim = await startSimulator({ pods: 40 });
  dir = mkdtempSync(join(tmpdir(), 'kpods-creds-'));
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

function kubeconfig(name: string, user: Record<string, unknown>, namespace = 'default'): string {
  const path = join(dir, `${name}.kubeconfig`);
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': name,
      clusters: [{ name: 'sim', cluster: { server: sim.url, 'certificate-authority-data': b64(sim.secrets.caPem) } }],
      users: [{ name, user }],
      contexts: [{ name, context: { cluster: 'sim', user: name, namespace } }],
    }),
  );
  return path;
}

async function identityAndPods(t: Target, ns: string | undefined): Promise<{ user?: string; pods: number }> {
  return withClient(t, async (c) => {
    const who = await c.whoAmI();
    assert.ok(who.ok, JSON.stringify(!who.ok && who.failure));
    const pods = await c.listPods(ns === undefined ? {} : { namespace: ns });
    assert.ok(pods.ok, JSON.stringify(!pods.ok && pods.failure));
    return { ...(who.value.username ? { user: who.value.username } : {}), pods: pods.value.rows.length };
  });
}

test('client certificate, token, basic auth and an exec plugin each authenticate', async () => {
  const kc = sim.kubeconfigPath;
  const admin = await identityAndPods(target(kc, { context: 'admin' }), undefined);
  assert.equal(admin.user, 'kpods-admin');
  assert.ok(admin.pods > 0);
  assert.equal((await identityAndPods(target(kc, { context: 'developer' }), 'shop')).user, 'jane@example.com');
  assert.equal((await identityAndPods(target(kc, { context: 'viewer-basic' }), undefined)).user, 'ops');
  assert.equal((await identityAndPods(target(kc, { context: 'exec-ok' }), undefined)).user, 'exec-user@example.com');
});

test('tokenFile is read (and wins over token)', async () => {
  const file = join(dir, 'token');
  writeFileSync(file, sim.secrets.developerToken + '\n');
  const t = target(kubeconfig('token-file', { tokenFile: file, token: sim.secrets.expiredToken }));
  assert.equal((await identityAndPods(t, 'shop')).user, 'jane@example.com');
});

test('an exec plugin returning a client certificate is used for mutual TLS', async () => {
  const yaml = readFileSync(sim.kubeconfigPath, 'utf8');
  writeFileSync(join(dir, 'c.pem'), Buffer.from(/client-certificate-data: (\S+)/.exec(yaml)?.[1] ?? '', 'base64'));
  writeFileSync(join(dir, 'k.pem'), Buffer.from(/client-key-data: (\S+)/.exec(yaml)?.[1] ?? '', 'base64'));
  const t = target(
    kubeconfig('exec-cert', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: [plugin],
        interactiveMode: 'Never',
        env: [
          { name: 'PLUGIN_MODE', value: 'cert' },
          { name: 'PLUGIN_CERT_FILE', value: join(dir, 'c.pem') },
          { name: 'PLUGIN_KEY_FILE', value: join(dir, 'k.pem') },
        ],
      },
    }),
  );
  assert.equal((await identityAndPods(t, undefined)).user, 'kpods-admin');
});

test("the plugin gets KUBERNETES_EXEC_INFO with the cluster's details (provideClusterInfo)", async () => {
  const state = mkdtempSync(join(dir, 'state-'));
  const tokenFile = join(state, 'token');
  writeFileSync(tokenFile, sim.secrets.execToken);
  const t = target(
    kubeconfig('exec-info', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: process.execPath,
        args: [plugin],
        provideClusterInfo: true,
        env: [
          { name: 'PLUGIN_MODE', value: 'ok' },
          { name: 'PLUGIN_API_VERSION', value: 'client.authentication.k8s.io/v1beta1' },
          { name: 'PLUGIN_STATE_DIR', value: state },
          { name: 'PLUGIN_TOKEN_FILE', value: tokenFile },
        ],
      },
    }),
  );
  assert.equal((await identityAndPods(t, undefined)).user, 'exec-user@example.com');
  const info = JSON.parse(readFileSync(join(state, 'exec-info.json'), 'utf8'));
  assert.deepEqual(info, {
    kind: 'ExecCredential',
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    spec: { interactive: false, cluster: { server: sim.url, 'certificate-authority-data': b64(sim.secrets.caPem) } },
  });
});

test('a 401 after token rotation re-runs the plugin and the next request uses the new token', async () => {
  const state = mkdtempSync(join(dir, 'rot-'));
  const tokenFile = join(state, 'token');
  writeFileSync(tokenFile, sim.secrets.execToken);
  const t = target(
    kubeconfig('exec-rotate', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: [plugin],
        interactiveMode: 'Never',
        env: [
          { name: 'PLUGIN_MODE', value: 'rotate' },
          { name: 'PLUGIN_STATE_DIR', value: state },
          { name: 'PLUGIN_TOKEN_FILE', value: tokenFile },
        ],
      },
    }),
  );
  await withClient(t, async (c) => {
    const who = await c.whoAmI();
    assert.ok(who.ok, JSON.stringify(!who.ok && who.failure));
    assert.equal(who.value.username, 'exec-user@example.com');
    assert.equal(await c.execRuns(), 2, 'run once, got 401 with the revoked token, run again');
    const again = await c.listPods({ namespace: 'shop' });
    assert.ok(again.ok);
    assert.equal(await c.execRuns(), 2, 'the new token is cached');
  });
  // A plugin that keeps returning a rejected token: the 401 is reported and names the plugin.
  writeFileSync(tokenFile, 'still-revoked');
  const t2 = target(
    kubeconfig('exec-stale', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: [plugin],
        interactiveMode: 'Never',
        env: [{ name: 'PLUGIN_TOKEN_FILE', value: tokenFile }],
      },
    }),
  );
  await withClient(t2, async (c) => {
    const r = await c.listPods({ namespace: 'shop' });
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'authentication.unauthorized');
    assert.match(r.failure.detail ?? '', /exec plugin/);
    assert.doesNotMatch(JSON.stringify(r.failure), /still-revoked/);
  });
});

test('watch delivers changes after the list', async () => {
  await withClient(target(sim.kubeconfigPath, { context: 'admin' }), async (c) => {
    const list = await c.listPods({ namespace: 'shop' });
    assert.ok(list.ok);
    const rv = list.value.resourceVersion ?? '0';
    const first = list.value.rows[0];
    assert.ok(first);
    const ac = new AbortController();
    const seen: string[] = [];
    const done = c.watchPods(
      { namespace: 'shop' },
      rv,
      (e) => {
        if (e.type !== 'BOOKMARK') seen.push(`${e.type} ${e.row.name}`);
        if (e.type === 'DELETED') ac.abort();
      },
      ac.signal,
    );
    const one = await c.getPod('shop', first.name);
    assert.ok(one.ok, JSON.stringify(!one.ok && one.failure));
    assert.equal(one.value.status, first.status);
    assert.ok(one.value.createdAt instanceof Date);
    const missing = await c.getPod('shop', 'no-such-pod');
    assert.ok(!missing.ok);
    assert.equal(missing.failure.code, 'response.not-found');
    assert.ok(sim.cluster.deletePod('shop', first.name));
    const r = await done;
    assert.ok(r.ok, JSON.stringify(!r.ok && r.failure));
    assert.ok(
      seen.some((s) => s.endsWith(first.name)),
      seen.join(','),
    );
  });
});

test('access reviews and /version answer from the server', async () => {
  await withClient(target(sim.kubeconfigPath, { context: 'developer' }), async (c) => {
    const shop = await c.canI('list', 'pods', 'shop');
    const def = await c.canI('list', 'pods', 'default');
    assert.ok(shop.ok && def.ok);
    assert.equal(shop.value, true);
    assert.equal(def.value, false);
    const rules = await c.rules('shop');
    assert.ok(rules.ok);
    assert.ok(rules.value.some((r) => r.resources.includes('pods') && r.verbs.includes('list')));
    const ns = await c.listNamespaces();
    assert.ok(!ns.ok);
    assert.equal(ns.failure.code, 'authorization.forbidden');
    assert.match(ns.failure.summary, /not allowed to list namespaces \(cluster scope\)/);
    const v = await c.version();
    assert.ok(v.ok);
    assert.match(v.value.gitVersion ?? '', /^v1\.32/);
  });
});

test('diagnose: a 403 gains who you are and, when namespaces can be listed, where pods can be listed (access reviews)', async () => {
  sim.access.bind({
    name: 'dev-ns-reader',
    role: 'ns-reader',
    subject: { kind: 'Group', name: 'developers' },
    rules: [{ verbs: ['list'], apiGroups: [''], resources: ['namespaces'] }],
  });
  sim.access.bind({
    name: 'dev-batch',
    role: 'pod-reader',
    namespace: 'batch',
    subject: { kind: 'Group', name: 'developers' },
    rules: [{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }],
  });
  try {
    await withClient(target(sim.kubeconfigPath, { context: 'developer' }), async (c) => {
      const r = await c.listPods({ namespace: 'default' });
      assert.ok(!r.ok);
      const d = await diagnose(r.failure, c, { namespace: 'default', contextNamespace: 'default' });
      assert.equal(d.code, 'authorization.forbidden');
      assert.match(d.detail ?? '', /knows you as "jane@example.com", in groups developers, system:authenticated/);
      assert.match(hintText(d.hints[0] ?? '', 'cli'), /You may list pods in: batch, shop \(e\.g\. -n batch\)/);
    });
  } finally {
    sim.access.unbind('dev-ns-reader');
    sim.access.unbind('dev-batch', 'batch');
  }
});
