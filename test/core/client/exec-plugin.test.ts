/** Exec credential plugins run as real child processes: output checks, caching, exec info, failures. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ExecPlugin, parseExecOutput } from '../../../src/core/client/exec-plugin.js';
import { createDefaultExecRunner } from '../../../src/core/client/exec-runner.js';
import type { ExecConfig } from '../../../src/core/target.js';
import { repoRoot } from '../../helpers/run-kpods.js';
import { makeTarget } from './target-helper.js';
import { hintText } from '../../../src/core/hint.js';

const pluginPath = join(repoRoot, 'test', 'fixtures', 'client', 'plugin.mjs');

/** `over` replaces fields of the plugin's exec config; an undefined value leaves the field unset. */
function setup(
  mode: string,
  extraEnv: Array<{ name: string; value: string }> = [],
  over: { [K in keyof ExecConfig]?: ExecConfig[K] | undefined } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'kpods-exec-'));
  const exec: ExecConfig = {
    apiVersion: 'client.authentication.k8s.io/v1',
    command: pluginPath,
    args: ['--flag'],
    env: [{ name: 'PLUGIN_MODE', value: mode }, { name: 'PLUGIN_STATE_DIR', value: dir }, ...extraEnv],
    provideClusterInfo: true,
    interactiveMode: 'Never',
    ...(over as Partial<ExecConfig>),
  };
  let now = new Date('2026-01-01T00:00:00Z');
  const stderr: string[] = [];
  const target = makeTarget('https://127.0.0.1:6443', {
    tls: { insecureSkipVerify: false, serverName: 'kube.test' },
    proxyUrl: 'http://proxy.test:3128',
    execClusterConfig: { audience: 'x' },
  });
  const plugin = new ExecPlugin(exec, target, {
    env: { PATH: process.env['PATH'] },
    now: () => now,
    runner: createDefaultExecRunner(),
    timeoutMs: 10_000,
    caPem: 'CA-PEM',
    onStderr: (t) => stderr.push(t),
  });
  return {
    dir,
    plugin,
    stderr,
    setNow: (d: Date) => (now = d),
    runs: () => readFileSync(join(dir, 'runs'), 'utf8').length,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

test('a working plugin gives its token, sees KUBERNETES_EXEC_INFO with cluster info, and is cached until expiry', async () => {
  const s = setup('ok', [{ name: 'PLUGIN_EXPIRES', value: '2026-01-01T01:00:00Z' }]);
  try {
    const r1 = await s.plugin.get();
    assert.ok(r1.ok);
    assert.equal(r1.value.token, 'plugin-secret-token');
    const info = JSON.parse(readFileSync(join(s.dir, 'exec-info.json'), 'utf8'));
    assert.deepEqual(info, {
      kind: 'ExecCredential',
      apiVersion: 'client.authentication.k8s.io/v1',
      spec: {
        interactive: false,
        cluster: {
          server: 'https://127.0.0.1:6443',
          'tls-server-name': 'kube.test',
          'certificate-authority-data': Buffer.from('CA-PEM').toString('base64'),
          'proxy-url': 'http://proxy.test:3128',
          config: { audience: 'x' },
        },
      },
    });
    await s.plugin.get();
    assert.equal(s.runs(), 1, 'cached while unexpired');
    s.setNow(new Date('2026-01-01T02:00:00Z'));
    await s.plugin.get();
    assert.equal(s.runs(), 2, 're-run after expirationTimestamp');
    s.plugin.invalidate();
    await s.plugin.get();
    assert.equal(s.runs(), 3, 're-run after invalidate (401)');
  } finally {
    s.cleanup();
  }
});

test('output checks reject bad plugin output without quoting it', async () => {
  for (const [mode, fragment] of [
    ['bad-json', 'json parse error'],
    ['wrong-version', 'plugin returned version client.authentication.k8s.io/v1beta1'],
    ['no-status', "didn't return a status field"],
    ['cert-only', 'only certificate or key'],
    ['bad-time', 'RFC 3339'],
  ] as const) {
    const s = setup(mode);
    try {
      const r = await s.plugin.get();
      assert.ok(!r.ok, mode);
      assert.equal(r.failure.code, 'credentials.exec-invalid-output', mode);
      assert.match(r.failure.summary, new RegExp(fragment.replace(/[.*+?()[\]]/g, '\\$&')), mode);
      assert.doesNotMatch(JSON.stringify(r.failure), /plugin-secret-token/, mode);
    } finally {
      s.cleanup();
    }
  }
});

test('a failing plugin: exit code and neutralised stderr', async () => {
  const s = setup('fail');
  try {
    const r = await s.plugin.get();
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'credentials.exec-failed');
    assert.match(r.failure.summary, /exit code 3/);
    assert.match(r.failure.detail ?? '', /\^\[\[31mrun sso-login/);
    assert.doesNotMatch(JSON.stringify(r.failure), /\u001b/);
    assert.equal(s.stderr.length, 0, "a failed plugin's stderr goes into the failure, not passed through twice");
  } finally {
    s.cleanup();
  }
});

test('a missing plugin names the install hint; a missing path does not', async () => {
  const s = setup('ok', [], { command: 'kpods-no-such-plugin', installHint: 'brew install \u001b[1mfoo\u001b[0m' });
  try {
    const r = await s.plugin.get();
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'credentials.exec-not-found');
    assert.match(r.failure.summary, /not installed/);
    assert.ok(r.failure.hints.some((h) => hintText(h, 'cli').includes('brew install ^[[1mfoo')));
  } finally {
    s.cleanup();
  }
  const p = setup('ok', [], { command: '/nonexistent/dir/plugin' });
  try {
    const r = await p.plugin.get();
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'credentials.exec-not-found');
    assert.match(r.failure.summary, /does not exist/);
  } finally {
    p.cleanup();
  }
});

test('a hanging plugin is stopped at the time limit without blocking the event loop', async () => {
  const s = setup('hang');
  const plugin = new ExecPlugin(
    {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: pluginPath,
      args: [],
      env: [{ name: 'PLUGIN_MODE', value: 'hang' }],
      provideClusterInfo: false,
      interactiveMode: 'Never',
    },
    makeTarget('https://127.0.0.1:1'),
    { env: { PATH: process.env['PATH'] }, now: () => new Date(), runner: createDefaultExecRunner(), timeoutMs: 1500 },
  );
  try {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const r = await plugin.get();
    clearInterval(ticker);
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'credentials.exec-failed');
    assert.match(r.failure.summary, /did not finish/);
    // A plugin run that blocked the event loop (spawnSync) lets no tick through at all; a count of 2
    // tells that apart without depending on how much CPU a loaded machine gives this process.
    assert.ok(ticks >= 2, `event loop kept running (${ticks} ticks)`);
  } finally {
    s.cleanup();
  }
});

test('interactive mode rules: v1 requires interactiveMode; Always without a terminal fails', async () => {
  const s = setup('ok', [], { interactiveMode: undefined });
  try {
    const r = await s.plugin.get();
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'credentials.invalid');
  } finally {
    s.cleanup();
  }
  const a = setup('ok', [], { interactiveMode: 'Always' });
  try {
    const r = await a.plugin.get();
    assert.ok(!r.ok);
    assert.equal(r.failure.code, 'credentials.exec-interactive');
  } finally {
    a.cleanup();
  }
  const b = setup('ok', [{ name: 'PLUGIN_API_VERSION', value: 'client.authentication.k8s.io/v1beta1' }], {
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    interactiveMode: undefined,
  });
  try {
    const r = await b.plugin.get();
    assert.ok(r.ok, 'v1beta1 defaults to IfAvailable');
    assert.equal(JSON.parse(readFileSync(join(b.dir, 'exec-info.json'), 'utf8')).spec.interactive, false);
  } finally {
    b.cleanup();
  }
});

test('parseExecOutput accepts a cert/key pair and RFC 3339 times', async () => {
  // A real pair: the pair is checked as PEM (garbage is exec-invalid-output).
  const { createAuthority } = await import('../../../src/sim/certs.js');
  const pair = await (await createAuthority('exec-test-ca')).sign({ cn: 'exec-user' }, 'client');
  const r = parseExecOutput(
    JSON.stringify({
      kind: 'ExecCredential',
      apiVersion: 'client.authentication.k8s.io/v1',
      status: { clientCertificateData: pair.cert, clientKeyData: pair.key, expirationTimestamp: '2026-01-01T00:00:00.5+02:00' },
    }),
    'client.authentication.k8s.io/v1',
  );
  assert.ok(r.ok);
  assert.equal(r.value.cert, pair.cert);
  assert.equal(r.value.expiresAt?.toISOString(), '2025-12-31T22:00:00.500Z');
});
