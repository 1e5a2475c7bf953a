/**
 * Issue 10 item 10: no silence while kpods retries. The footer says what is happening: the
 * wait before the next try after a failure (backoff), "refreshing…" after `r`, and a 429's
 * Retry-After wait while the client retries it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/ui/App.js';
import { UiSession } from '../../src/ui/session.js';
import type { SessionDeps } from '../../src/ui/session-types.js';
import { createStore } from '../../src/ui/store.js';
import type { Target } from '../../src/core/target.js';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { renderSized } from '../helpers/ink.js';
import { FakeClient, forbidden } from './fake-client.js';
import { makeTarget } from '../client/target-helper.js';

const now = (): Date => new Date('2026-06-01T00:00:00Z');

const target: Target = makeTarget('https://dev.example:6443', {
  contextName: 'dev',
  clusterName: 'dev-cluster',
  userName: 'dev-user',
  namespace: 'prod',
});

test('a failing list: the footer counts down to the next try (backoff); r shows "refreshing…" until the answer', async (t) => {
  const client = new FakeClient();
  client.fail = forbidden;
  const deps: SessionDeps = {
    now,
    kubeconfig: () => ({ current: 'dev', users: ['dev-user'], contexts: [{ name: 'dev', cluster: 'dev-cluster', user: 'dev-user' }] }),
    resolve: () => ({ ok: true, value: target }),
    createClient: () => client,
  };
  const store = createStore();
  // A long interval: the first failure waits 8 s before the next try, and nothing here waits for it.
  const session = new UiSession(store, deps, { intervalMs: 8000, watch: false }, { context: 'dev' });
  const ui = renderSized(<App store={store} session={session} color={false} now={now} onQuit={() => undefined} />, 100, 24);
  t.after(async () => (ui.unmount(), await session.stop()));
  session.start();
  await ui.waitFor((x) => x.includes('may not list pods') && x.includes('next try in 8 s (backoff)'), 'the backoff in the footer');
  // r: the request is held in flight; the footer says so instead of nothing.
  client.hold();
  await ui.press('r', (x) => x.includes('refreshing…'), '"refreshing…" while the request runs');
  assert.equal(client.inFlight, 1);
  client.release();
  await ui.waitFor((x) => x.includes('next try in') && !x.includes('refreshing…'), 'failed again: the backoff again');
});

test('429 with Retry-After: the footer says the client is retrying, with the status and the wait', async (t) => {
  const { ui } = await startAppOnSim(t, {
    sim: { pods: 10 },
    feed: { intervalMs: 2000, watch: false },
    selection: { context: 'throttled' },
  });
  const f = await ui.waitFor((x) => /retrying in \d s \(429 Too Many Requests, Retry-After 1\)/.test(x), 'the retry in the footer');
  assert.match(f.split('\n').at(-1) ?? '', /retrying in/, 'on the footer line');
});
