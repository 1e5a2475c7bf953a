/**
 * Issue 17 items 4, 6 and 8 in the browser: a server that accepts and never answers, or a silent
 * exec plugin, is said while it lasts ("waiting for the server… 12 s", "waiting for credential
 * plugin NAME… 12 s") with the keys live, the browser's requests have an overall time limit, and
 * a token an exec plugin returned never reaches a frame, even when a server's 401 body echoes it
 * (nor do the escapes in the plugin's stderr).
 * The UI clock is a fake one moved by the test; the servers are on loopback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SecretSet } from '../../src/core/redact.js';
import type { Target } from '../../src/core/target.js';
import { App } from '../../src/ui/App.js';
import { browserTarget, kubeDeps, loadSource } from '../../src/ui/kube-deps.js';
import { redactingStore } from '../../src/ui/redacting-store.js';
import { UiSession } from '../../src/ui/session.js';
import { initialState } from '../../src/ui/state.js';
import { createStore } from '../../src/ui/store.js';
import { waitingText } from '../../src/ui/waiting.js';
import { KEYS, renderSized } from '../helpers/ink.js';
import { hostileServer, tempDir, writeKubeconfig, type Hostile } from '../helpers/hostile.js';

/** A clock that stands still until the test moves it. */
function fakeClock(): { now: () => Date; advance: (ms: number) => void } {
  let t = Date.parse('2026-06-01T10:00:00Z');
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

function startBrowser(
  t: { after: (fn: () => unknown) => void },
  kc: string,
  dir: string,
  clock: ReturnType<typeof fakeClock>,
  requestTimeout?: string,
) {
  const host = { env: { PATH: process.env['PATH'] }, home: dir, cwd: dir, now: clock.now };
  const secrets = new SecretSet();
  const store = redactingStore(createStore(initialState()), secrets);
  const source = loadSource(host, kc, secrets);
  const deps = kubeDeps({
    host,
    explicitPath: kc,
    overrides: requestTimeout ? { requestTimeout } : {},
    source,
    secrets,
    // As `kpods` does: a plugin's stderr becomes the footer's message.
    onExecStderr: (text) => store.dispatch({ type: 'message', text: `plugin: ${text.split('\n')[0] ?? ''}` }),
  });
  const session = new UiSession(store, deps, { intervalMs: 2000, watch: false }, { context: 'hostile' });
  let quit = false;
  const ui = renderSized(
    <App store={store} session={session} saver={deps} color={false} now={clock.now} onQuit={() => (quit = true)} />,
    120,
    30,
  );
  t.after(async () => {
    ui.unmount();
    await session.stop();
  });
  session.start();
  return { ui, store, session, secrets, quitted: () => quit };
}

test('the browser has an overall request limit: the commands default unless --request-timeout is given; 0 means none', () => {
  const base = { requestTimeoutMs: undefined } as unknown as Target;
  assert.equal(browserTarget(base).requestTimeoutMs, 30_000);
  assert.equal(browserTarget({ ...base, requestTimeoutMs: 0 }).requestTimeoutMs, 0);
  assert.equal(browserTarget({ ...base, requestTimeoutMs: 5_000 }).requestTimeoutMs, 5_000);
});

test('waitingText: a plugin first; the server only after a second', () => {
  const at = new Date('2026-06-01T10:00:00Z');
  const later = (ms: number): Date => new Date(at.getTime() + ms);
  assert.equal(waitingText({ waitingServer: at }, later(400)), undefined);
  assert.equal(waitingText({ waitingServer: at }, later(12_300)), 'waiting for the server… 12 s');
  assert.equal(
    waitingText({ waitingServer: at, waitingPlugin: { name: 'aws', since: at } }, later(3_000)),
    'waiting for credential plugin aws… 3 s',
  );
});

test('a server that accepts and never answers: the browser says how long it waits, keys stay live, the limit ends it', async (t) => {
  const srv: Hostile = await hostileServer(() => undefined, 50); // accepts, reads, never answers
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const kc = writeKubeconfig(dir, srv, { token: 'tok-browser-wait-1' });
  const clock = fakeClock();
  const b = startBrowser(t, kc, dir, clock, '4s');
  await b.ui.waitFor(() => srv.requests >= 1, 'the list request');
  clock.advance(12_000);
  await b.ui.waitFor((f) => f.includes('waiting for the server… 12 s'), 'the wait, counted');
  // The keys answer while the request hangs.
  await b.ui.press('?', (f) => f.includes('help (toggle)'), 'help');
  await b.ui.press('?', (f) => !f.includes('help (toggle)'), 'help closed');
  await b.ui.press('c', (f) => f.includes('Contexts'), 'the context picker');
  await b.ui.press(KEYS.escape, (f) => !f.includes('Contexts'), 'the context picker closed');
  await b.ui.press('n', (f) => f.includes('Namespaces'), 'the namespace picker');
  await b.ui.press(KEYS.escape, (f) => !f.includes('Namespaces'), 'the namespace picker closed');
  // The request limit ends the wait with an explained failure.
  await b.ui.waitFor((f) => f.includes('waited 4 s for the first byte'), 'the time limit', 15_000);
  assert.equal(b.store.getState().table.failure?.code, 'response.timeout');
  b.ui.stdin.write('q');
  await b.ui.waitFor(() => b.quitted(), 'q quits');
});

test('a silent exec plugin: "waiting for credential plugin NAME… N s"; its token never reaches a frame, even echoed by a 401', async (t) => {
  const TOKEN = 'plain0exec0token0ab12';
  const srv = await hostileServer((req, res) => {
    const sent = String(req.headers['authorization'] ?? '').replace(/^Bearer /, '');
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ kind: 'Status', status: 'Failure', code: 401, reason: 'Unauthorized', message: `invalid credential ${sent}` }),
    );
  }, 100);
  const { dir, cleanup } = tempDir();
  t.after(async () => (cleanup(), await srv.close()));
  const go = join(dir, 'go');
  const plugin = join(dir, 'slow-plugin');
  const cred = { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: TOKEN } };
  // Silent until the test creates the file `go`; then it says the token on stderr too, and prints it.
  writeFileSync(
    plugin,
    `#!${process.execPath}\nconst fs = require('node:fs');\nconst done = () => { process.stderr.write('\\u001b]0;pwned\\u0007\\u001b[31mdebug: token ${TOKEN}\\n'); process.stdout.write(${JSON.stringify(JSON.stringify(cred))}); process.exit(0); };\n` +
      `const tick = () => (fs.existsSync(${JSON.stringify(go)}) ? done() : setTimeout(tick, 20));\ntick();\n`,
  );
  writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}');
  chmodSync(plugin, 0o755);
  const kc = writeKubeconfig(dir, srv, {
    exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' },
  });
  const clock = fakeClock();
  const b = startBrowser(t, kc, dir, clock, '10s');
  await b.ui.waitFor((f) => f.includes('waiting for credential plugin slow-plugin… 0 s'), 'the plugin wait');
  clock.advance(12_000);
  await b.ui.waitFor((f) => f.includes('waiting for credential plugin slow-plugin… 12 s'), 'the plugin wait, counted');
  await b.ui.press('?', (f) => f.includes('help (toggle)'), 'help while the plugin runs');
  await b.ui.press('?', (f) => !f.includes('help (toggle)'), 'help closed');
  writeFileSync(go, '');
  await b.ui.waitFor((f) => f.includes('invalid credential <redacted>'), "the server's 401, redacted", 15_000);
  await b.ui.waitFor((f) => !f.includes('waiting for credential plugin'), 'the plugin wait ended');
  await b.ui.waitFor((f) => f.includes('debug: token <redacted>'), "the plugin's stderr in the footer, redacted");
  const seen = b.ui.frames.join('\n') + (b.store.getState().message ?? '') + (b.store.getState().identity ?? '');
  assert.equal(seen.includes(TOKEN), false, 'the token reached a frame');
  // The plugin's stderr (an OSC title and SGR before the token) is shown neutralised in the footer.
  assert.equal(/\u001b\]0;|\u0007/.test(seen), false, 'an escape from the plugin reached a frame');
  assert.equal(b.secrets.redact(TOKEN), '<redacted>', 'the token was registered when the plugin returned it');
});

test('the kubeconfig loader registers its credentials once per load, not on every read', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const kc = writeKubeconfig(dir, { url: 'https://127.0.0.1:9', ca: 'unused' }, { token: 'kubeconfig0token0xyz' });
  let loads = 0;
  class Counting extends SecretSet {
    override addKubeconfig(c: Parameters<SecretSet['addKubeconfig']>[0]): void {
      loads++;
      super.addKubeconfig(c);
    }
  }
  const secrets = new Counting();
  const host = { env: {}, home: dir, cwd: dir, now: () => new Date() };
  const source = loadSource(host, kc, secrets);
  const deps = kubeDeps({ host, explicitPath: kc, overrides: {}, source, secrets });
  for (let i = 0; i < 5; i++) {
    deps.kubeconfig();
    deps.resolve({ context: 'hostile' });
  }
  assert.equal(loads, 1);
  assert.equal(secrets.redact('x kubeconfig0token0xyz'), 'x <redacted>');
  source.reload();
  assert.equal(loads, 2);
});
