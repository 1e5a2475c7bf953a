/** No credential kpods holds is printed, whatever the origin of the text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCommand } from '../../src/commands/list.js';
import { traceCommand } from '../../src/commands/trace.js';
import { contextsCommand } from '../../src/commands/contexts.js';
import { topCommand } from '../../src/commands/top.js';
import { whyCommand } from '../../src/commands/why.js';
import { SecretSet, redactPatterns, shortenKeyMaterial } from '../../src/core/redact.js';
import { createStore } from '../../src/ui/store.js';
import { initialState } from '../../src/ui/state.js';
import { redactingStore } from '../../src/ui/redacting-store.js';
import { paneLines } from '../../src/ui/StatusPane.js';
import { failure } from '../../src/core/failure.js';
import { hostileServer, runCommand, tempDir, writeKubeconfig } from '../helpers/hostile.js';

const TOKEN = 'kpods-test-token-Zx81qPw0';
const PASSWORD = 'hunter2-Password-77';

test('redactPatterns: Authorization schemes, private keys, JWTs and URL userinfo', () => {
  assert.equal(redactPatterns('invalid credential: Bearer abc123def456'), 'invalid credential: Bearer <redacted>');
  assert.equal(redactPatterns('Basic authentication is disabled.'), 'Basic authentication is disabled.');
  assert.equal(redactPatterns('see https://admin:pw@host:6443/x'), 'see https://<redacted>@host:6443/x');
  assert.equal(redactPatterns('t=eyJhbGciOiJ.eyJzdWIiOiJ.sig-_x'), 't=<redacted>');
  assert.equal(redactPatterns('-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\nrest'), '<redacted> private key\nrest');
  const s = new SecretSet();
  s.add(TOKEN);
  assert.equal(s.redact(`a ${TOKEN} b ${Buffer.from(TOKEN).toString('base64')}`), 'a <redacted> b <redacted>');
  assert.match(
    shortenKeyMaterial('/home/u/.kube/LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JR0hBZ0VBTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5'),
    /^\/home\/u\/\.kube\/LS0… \(\d+ more characters/,
  );
  assert.equal(shortenKeyMaterial('/home/u/.kube/client.key'), '/home/u/.kube/client.key');
});

for (const status of [401, 403, 400, 500]) {
  test(`a ${status} body echoing the Authorization header is redacted (list, trace, why, top)`, async (t) => {
    const srv = await hostileServer((req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          code: status,
          message: `invalid credential: ${String(req.headers.authorization)} (token ${TOKEN.slice(0)})`,
        }),
      );
    });
    const { dir, cleanup } = tempDir();
    t.after(async () => (cleanup(), await srv.close()));
    const kc = writeKubeconfig(dir, srv, { token: TOKEN });
    for (const [cmd, args] of [
      [listCommand, ['--kubeconfig', kc]],
      [traceCommand, ['--kubeconfig', kc]],
      [traceCommand, ['--kubeconfig', kc, '-o', 'json']],
      [whyCommand, ['--kubeconfig', kc]],
      [topCommand, ['--kubeconfig', kc]],
    ] as const) {
      const r = await runCommand(cmd, [...args], { home: dir });
      assert.notEqual(r.code, 0);
      assert.notEqual(r.code, 1, r.stderr);
      assert.equal((r.stdout + r.stderr).includes(TOKEN), false, r.stdout + r.stderr);
      assert.equal((r.stdout + r.stderr).includes(TOKEN.slice(0, 12)), false);
    }
  });
}

test('a server URL with userinfo is never printed whole (trace, list, contexts)', async (t) => {
  const srv = await hostileServer((_req, res) => {
    res.writeHead(500);
    res.end('boom');
  });
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const url = srv.url.replace('https://', `https://admin:${PASSWORD}@`);
  const kc = writeKubeconfig(dir, { url, ca: srv.ca });
  for (const [cmd, args] of [
    [traceCommand, []],
    [listCommand, []],
    [contextsCommand, ['-o', 'json']],
  ] as const) {
    const r = await runCommand(cmd, ['--kubeconfig', kc, ...args], { home: dir });
    assert.equal((r.stdout + r.stderr).includes(PASSWORD), false, r.stdout + r.stderr);
  }
});

test("an exec plugin's stderr holding the token it returned is redacted", async (t) => {
  const srv = await hostileServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] }));
  });
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const plugin = join(dir, 'plugin.mjs');
  const cred = { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'plain0letters9token' } };
  writeFileSync(
    plugin,
    `process.stderr.write('debug: got token plain0letters9token\\n');\nprocess.stdout.write(${JSON.stringify(JSON.stringify(cred))});\n`,
  );
  const kc = writeKubeconfig(dir, srv, {
    exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' },
  });
  const r = await runCommand(listCommand, ['--kubeconfig', kc], { home: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /debug: got token <redacted>/);
  assert.equal(r.stderr.includes('plain0letters9token'), false);
});

test('a base64 private key pasted into a client-key path field is shown shortened', async (t) => {
  const srv = await hostileServer((_req, res) => res.end('{}'));
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const material = Buffer.from(
    '-----BEGIN PRIVATE KEY-----\n' + 'A'.repeat(40) + 'q9Zr'.repeat(30) + '\n-----END PRIVATE KEY-----\n',
  ).toString('base64');
  writeFileSync(join(dir, 'client.crt'), 'not a cert');
  const kc = writeKubeconfig(dir, srv, { 'client-certificate': join(dir, 'client.crt'), 'client-key': material });
  for (const cmd of [listCommand, traceCommand]) {
    const r = await runCommand(cmd, ['--kubeconfig', kc], { home: dir });
    assert.match(r.stdout + r.stderr, /cannot be read|key material/);
    assert.equal((r.stdout + r.stderr).includes(material.slice(0, 40)), false, r.stdout + r.stderr);
  }
});

test("the browser's status pane and messages never show a held credential", () => {
  const secrets = new SecretSet();
  secrets.add(TOKEN);
  const store = redactingStore(createStore(initialState()), secrets);
  store.dispatch({
    type: 'failed',
    failure: failure('authentication.unauthorized', `401 for ${TOKEN}`, [`retry ${TOKEN}`], `The server said: Bearer ${TOKEN}`),
  });
  store.dispatch({ type: 'message', text: `plugin: token is ${TOKEN}` });
  const st = store.getState();
  const shown = [...paneLines(st.table.failure!, 20), st.message ?? ''].join('\n');
  assert.equal(shown.includes(TOKEN), false, shown);
  assert.match(shown, /<redacted>/);
});
