/**
 * The status pane shows its own advice (issue 10 item 7): it takes the room the table does not
 * need, `e` opens it at full height with scrolling (keys from the keymap), and when room is short
 * the advice comes before the details. And "why no pods" is not said over rows still on screen (item 12).
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/ui/App.js';
import { createStore, type Store } from '../../src/ui/store.js';
import { failure } from '../../src/core/failure.js';
import { KEYS, renderSized } from '../helpers/ink.js';
import { row } from './fake-client.js';
import { wrap } from '../../src/ui/StatusPane.js';

const now = (): Date => new Date('2026-06-01T00:00:00Z');

const pluginFailed = failure(
  'credentials.exec-failed',
  'The credential plugin /usr/local/bin/example-login get-token --cluster prod-eu-west-1 failed with exit code 1.',
  [
    'Run the plugin command yourself to see its full message; often you need to log in again with your cloud or SSO tool.',
    'Press r to try again (kpods does not retry failed credentials by itself).',
  ],
  [
    'plugin stderr: error: refreshing credentials: the identity provider rejected the refresh token (invalid_grant)',
    'plugin stderr: run "example-login" to sign in again',
    'plugin stderr: detail line three',
    'plugin stderr: detail line four',
    'To fix: kubeconfig user "prod" in /home/me/.kube/config.',
  ].join('\n'),
);

function start(t: TestContext, columns: number, rows: number): { store: Store; ui: ReturnType<typeof renderSized> } {
  const store = createStore();
  store.dispatch({
    type: 'target',
    target: { context: 'prod', cluster: 'prod', server: 'https://prod.example', user: 'prod', userOverridden: false, namespace: 'default' },
  });
  store.dispatch({ type: 'failed', failure: pluginFailed });
  const ui = renderSized(<App store={store} color={false} now={now} onQuit={() => undefined} />, columns, rows);
  t.after(() => ui.unmount());
  return { store, ui };
}

test('80×24: the whole explanation fits, advice and details (blank rows are left only when nothing is cut)', async (t) => {
  const { ui } = start(t, 80, 24);
  const f = await ui.waitFor((x) => x.includes('why no pods'), 'the pane');
  assert.match(f, /→ Press r to try again/);
  assert.match(f, /To fix: kubeconfig user "prod"/);
  // A detail line keeps its indent when it wraps, as the ones that do not wrap.
  assert.match(f, /\n {2}plugin stderr: error: refreshing credentials/);
  assert.doesNotMatch(f, /more line\(s\)/);
});

test('80×14: advice before details, the cut says "press e"; e opens the pane at full height and it scrolls', async (t) => {
  const { ui } = start(t, 80, 14);
  const f = await ui.waitFor((x) => x.includes('why no pods'), 'the pane');
  assert.match(f, /→ Run the plugin command yourself/);
  assert.match(f, /→ Press r to try again/);
  assert.match(f, /more line\(s\): press e/);
  assert.doesNotMatch(f, /kpods trace/);
  assert.doesNotMatch(f, /To fix: kubeconfig user/);
  const full = await ui.press(
    'e',
    (x) => !x.includes('NAME') && x.includes('(lines 1–') && x.includes('scroll'),
    'the pane at full height',
  );
  assert.match(full, /→ Press r to try again/);
  assert.match(full, /j k PgDn PgUp scroll/);
  assert.match(full, /credentials\.exec-failed/);
  const end = await ui.press(KEYS.pageDown, (x) => x.includes('To fix: kubeconfig user'), 'scrolled to the end');
  assert.doesNotMatch(end, /The credential plugin/);
  await ui.press(
    'k',
    (x) => x.includes('plugin stderr: detail line four') || x.includes('plugin stderr: detail line three'),
    'up one line',
  );
  await ui.press(KEYS.escape, (x) => x.includes('NAME') && x.includes('why no pods'), 'back to the table and its pane');
});

test('a failure over rows still on screen does not say "why no pods"', async (t) => {
  const { store, ui } = start(t, 100, 24);
  store.dispatch({ type: 'pods', rows: [row('web-1', { status: 'Running' }), row('web-2', { status: 'Running' })], at: now() });
  store.dispatch({ type: 'failed', failure: pluginFailed });
  const f = await ui.waitFor((x) => x.includes('web-1') && x.includes('credentials.exec-failed'), 'rows and the pane');
  assert.doesNotMatch(f, /why no pods/);
  assert.match(f, /not updated/);
});

test('no lone "1." (or any short last word) wraps onto a line of its own, at any width from 40 to 120', () => {
  const found: string[] = [];
  for (let width = 40; width <= 120; width++) {
    const lines = wrap(pluginFailed.summary, width);
    const last = lines[lines.length - 1]!.trim();
    if (lines.length > 1 && last.length <= 3) found.push(`${width}: ${JSON.stringify(lines)}`);
    if (lines.some((l) => l.length > width)) found.push(`${width}: too wide ${JSON.stringify(lines)}`);
  }
  assert.deepEqual(found, []);
});
