import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/ui/App.js';
import { UiSession } from '../../src/ui/session.js';
import type { Selection } from '../../src/ui/session-types.js';
import type { UiDeps } from '../../src/ui/kube-deps.js';
import { createStore } from '../../src/ui/store.js';
import { failure } from '../../src/core/failure.js';
import type { Target } from '../../src/core/target.js';
import { KEYS, renderSized } from '../helpers/ink.js';
import { FakeClient, forbidden, row } from './fake-client.js';

const now = (): Date => new Date('2026-06-01T00:00:00Z');

function target(sel: Selection, user: string, ns: string): Target {
  return {
    contextName: sel.context,
    clusterName: `${sel.context}-cluster`,
    userName: sel.user ?? user,
    userOverridden: sel.user !== undefined,
    server: `https://${sel.context}.example:6443`,
    namespace: typeof sel.namespace === 'string' ? sel.namespace : ns,
    namespaceSource: 'context',
    tls: { insecureSkipVerify: false },
    auth: {},
    impersonate: { groups: [], extra: {} },
    disableCompression: false,
    origins: {},
    inCluster: false,
  };
}

function setup() {
  const clients = new Map<string, FakeClient>();
  const client = (ctx: string): FakeClient => {
    let c = clients.get(ctx);
    if (!c) clients.set(ctx, (c = new FakeClient()));
    return c;
  };
  client('admin').rows = [
    row('web-1', { status: 'Running', labels: { tier: 'web' } }),
    row('db-0', { status: 'CrashLoopBackOff', restartCount: 7, restarts: '7', labels: { tier: 'db' } }),
    row('job-x', { namespace: 'batch', status: 'Completed' }),
  ];
  const dev = client('dev');
  dev.fail = forbidden;
  dev.namespaces = { ok: false, failure: failure('authorization.forbidden', 'may not list namespaces') };
  dev.allowed.add('dev');
  const saved: string[] = [];
  const deps: UiDeps = {
    now,
    kubeconfig: () => ({
      current: 'admin',
      users: ['admin-user', 'dev-user'],
      contexts: [
        { name: 'admin', cluster: 'admin-cluster', user: 'admin-user', namespace: 'default' },
        { name: 'dev', cluster: 'dev-cluster', user: 'dev-user', namespace: 'prod' },
        { name: 'dev-ok', cluster: 'dev-cluster', user: 'dev-user', namespace: 'dev' },
      ],
    }),
    resolve: (sel) =>
      sel.context === 'ghost'
        ? { ok: false, failure: failure('kubeconfig.context-not-found', 'no context "ghost"') }
        : { ok: true, value: target(sel, `${sel.context}-user`, sel.context === 'dev' ? 'prod' : 'default') },
    createClient: (t) => {
      const c = client(t.contextName);
      // Namespace switches on the dev context: listing in "dev" is allowed.
      const list = c.listPods.bind(c);
      c.listPods = async (q) =>
        t.contextName === 'dev' && q.namespace === 'dev' ? { ok: true, value: { rows: [row('dev-api', { namespace: 'dev' })] } } : list(q);
      return c;
    },
    savePreview: (ctx, ns) => `/tmp/kube/config: current-context → ${ctx}, context ${ctx} namespace → ${ns}`,
    save: async (ctx, ns) => (saved.push(`${ctx}/${ns}`), { ok: true, value: '/tmp/kube/config' }),
  };
  const store = createStore();
  const session = new UiSession(store, deps, { intervalMs: 50, watch: false }, { context: 'admin' });
  let quit = false;
  const ui = renderSized(
    <App store={store} session={session} saver={deps} color={false} now={now} onQuit={() => (quit = true)} />,
    100,
    24,
  );
  session.start();
  return { ui, session, saved, clients, store, quitted: () => quit };
}

test("App: a filter's count is said once, in the header (as k9s says it in its title)", async (t) => {
  const { ui, session } = setup();
  t.after(async () => (ui.unmount(), await session.stop()));
  await ui.waitFor((x) => x.includes('web-1') && x.includes('db-0'), 'rows');
  const f = await ui.press('/web\r', (x) => !x.includes('db-0') && x.includes('match'), 'filter applied');
  assert.equal(f.split(' match').length - 1, 1, f);
  assert.match(f, /ns: \S+ {2}│ {2}\d+\/\d+ match "web"/);
});

test('App: rows, header, footer; frame fits in rows-1; navigation and sorting keep the selection', async (t) => {
  const { ui, session, store, clients } = setup();
  t.after(async () => (ui.unmount(), await session.stop()));
  let f = await ui.waitFor((x) => x.includes('web-1') && x.includes('db-0'), 'rows');
  assert.match(f, /ctx: admin/);
  assert.match(f, /server: https:\/\/admin\.example:6443/);
  assert.match(f, /you are: tester \(devs\)/);
  assert.match(f, /c contexts/);
  assert.ok(f.split('\n').length <= 23, `frame has ${f.split('\n').length} lines`);
  await ui.press('?', (x) => x.includes('Keys (Esc or ? to go back)') && x.includes('sort by restarts'), 'help');
  await ui.press(KEYS.escape, (x) => x.includes('web-1'), 'back to table');
  await ui.press('/', (x) => x.includes('/▏'), 'filter prompt');
  await ui.press('web', (x) => x.includes('web-1') && !x.includes('db-0'), 'filtered');
  await ui.press(KEYS.escape, (x) => x.includes('db-0'), 'filter cleared');
  // A label selector goes to the server, as kubectl -l.
  await ui.press('/-l tier=db', (x) => x.includes('/-l tier=db'), 'label filter typed');
  await ui.press(KEYS.enter, (x) => x.includes('db-0') && !x.includes('web-1'), 'label filter applied by the server');
  assert.equal(clients.get('admin')!.calls.at(-1)?.labelSelector, 'tier=db');
  await ui.press(KEYS.escape, (x) => x.includes('web-1') && x.includes('db-0'), 'label filter cleared');
  assert.equal(clients.get('admin')!.calls.at(-1)?.labelSelector, undefined);
  // Select web-1, sort by restarts (db-0 first now): the selection stays on web-1.
  await ui.press('j', () => true, 'down');
  assert.equal(store.getState().table.view[store.getState().table.cursor]?.name, 'web-1');
  f = await ui.press('R', (x) => x.includes('RESTARTS↓'), 'sorted by restarts');
  assert.ok(f.indexOf('db-0') < f.indexOf('web-1'));
  assert.equal(store.getState().table.view[store.getState().table.cursor]?.name, 'web-1');
  await ui.press('N', (x) => x.includes('NAME↓') && !x.includes('RESTARTS↓'), 'sorted by name');
  await ui.press('G', () => store.getState().table.cursor === 1, 'G');
  await ui.press('g', () => store.getState().table.cursor === 0, 'g');
  await ui.press(KEYS.pageDown, () => store.getState().table.cursor === 1, 'PgDn clamps to the last row');
  await ui.press('e', (x) => x.includes('── status') && x.includes('All stages pass'), 'status pane on demand');
  await ui.press(KEYS.escape, (x) => !x.includes('── status'), 'pane closed');
});

test('App: context picker switches; 403 shows the pane; namespace picker offers allowed namespaces and a typed name', async (t) => {
  const { ui, session } = setup();
  t.after(async () => (ui.unmount(), await session.stop()));
  await ui.waitFor((x) => x.includes('web-1'), 'rows');
  await ui.press('c', (x) => x.includes('Contexts') && x.includes('* admin') && x.includes('cluster dev-cluster'), 'context picker');
  await ui.press('j', () => true, 'moved');
  await ui.press(
    KEYS.enter,
    (x) => x.includes('ctx: dev') && x.includes('[authorization ✗]') && x.includes('may not list pods'),
    '403 pane',
  );
  await ui.press(
    'n',
    (x) => x.includes('listing namespaces is forbidden') && x.includes('  dev'),
    'namespace picker with allowed namespaces',
  );
  await ui.press('/dev', (x) => x.includes('filter: dev'), 'typed');
  await ui.press(KEYS.enter, (x) => x.includes('ns: dev') && x.includes('dev-api'), 'rows in dev');
  await ui.waitFor((x) => x.includes('resolved') || !x.includes('authorization ✗'), 'pane says resolved');
  await ui.waitFor((x) => !x.includes('resolved') && !x.includes('authorization ✗'), 'pane closes', 8000);
  // Back to admin and again to dev: dev remembers its namespace.
  await ui.press('c', (x) => x.includes('Contexts'), 'picker');
  await ui.press('k', () => true, 'up');
  await ui.press(KEYS.enter, (x) => x.includes('ctx: admin') && x.includes('web-1'), 'admin again');
  await ui.press('c', (x) => x.includes('Contexts'), 'picker');
  await ui.press('j', () => true, 'down');
  await ui.press(KEYS.enter, (x) => x.includes('ctx: dev ') && x.includes('ns: dev') && x.includes('dev-api'), 'dev remembers namespace');
});

test('App: user override is shown and cleared by picking the context again; save previews then writes', async (t) => {
  const { ui, session, saved } = setup();
  t.after(async () => (ui.unmount(), await session.stop()));
  await ui.waitFor((x) => x.includes('web-1'), 'rows');
  await ui.press('u', (x) => x.includes('Users') && x.includes('dev-user'), 'users');
  await ui.press('j', () => true, 'down');
  await ui.press(KEYS.enter, (x) => x.includes('user: dev-user (override)'), 'override shown');
  await ui.press('c', (x) => x.includes('Contexts'), 'contexts');
  await ui.press(KEYS.enter, (x) => x.includes('user: admin-user') && !x.includes('(override)'), 'override cleared');
  await ui.press('w', (x) => x.includes('Save to the kubeconfig?') && x.includes('current-context → admin'), 'preview');
  await ui.press('y', (x) => x.includes('saved: /tmp/kube/config'), 'saved');
  assert.deepEqual(saved, ['admin/default']);
});

test('App: stale rows when the server starts failing; narrow terminals drop wide columns; q quits', async (t) => {
  const { ui, session, clients, quitted } = setup();
  t.after(async () => (ui.unmount(), await session.stop()));
  await ui.waitFor((x) => x.includes('web-1') && x.includes('IP'), 'rows with IP at 100 columns');
  ui.resize(60, 20);
  await ui.waitFor((x) => !x.includes('IP') && x.includes('web-1'), 'IP dropped at 60 columns');
  clients.get('admin')!.fail = failure('response.server-error', 'The server answered 500.', ['Try again later.']);
  await ui.waitFor(
    (x) => x.includes('STALE') && x.includes('web-1') && x.includes('[resp ✗]') && x.includes('The server answered 500.'),
    'stale rows with the explanation',
  );
  ui.stdin.write('q');
  assert.equal(quitted(), true);
});

test('App: progress while a large first list loads', async (t) => {
  const store = createStore();
  store.dispatch({
    type: 'target',
    target: { context: 'big', cluster: 'c', server: 'https://big', user: 'u', userOverridden: false, namespace: undefined },
  });
  store.dispatch({ type: 'loading', loaded: 3500, total: 10000 });
  const ui = renderSized(<App store={store} color={false} now={now} onQuit={() => undefined} />, 100, 24);
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('loaded 3,500 of ~10,000') && x.includes('ns: all') && x.includes('loading pods'), 'progress');
});

test('App: the first rows of a large first list show while the rest loads; the whole list replaces them', async (t) => {
  const store = createStore();
  store.dispatch({
    type: 'target',
    target: { context: 'big', cluster: 'c', server: 'https://big', user: 'u', userOverridden: false, namespace: undefined },
  });
  store.dispatch({ type: 'table-reset', loading: true });
  store.dispatch({ type: 'loading', loaded: 500, total: 10000 });
  store.dispatch({ type: 'first-rows', rows: [row('api-1', { namespace: 'apps' }), row('api-2', { namespace: 'apps' })] });
  const ui = renderSized(<App store={store} color={false} now={now} onQuit={() => undefined} />, 100, 24);
  t.after(() => ui.unmount());
  let f = await ui.waitFor((x) => x.includes('api-2') && x.includes('loaded 500 of ~10,000'), 'first rows, still loading');
  assert.doesNotMatch(f, /loading pods/);
  store.dispatch({
    type: 'pods',
    rows: [row('api-1', { namespace: 'apps' }), row('api-2', { namespace: 'apps' }), row('zz-9', { namespace: 'zz' })],
    at: now(),
  });
  f = await ui.waitFor((x) => x.includes('zz-9') && !x.includes('loaded 500'), 'the whole list');
  // Late first rows (a slow page of an old list) change nothing once the list is in.
  store.dispatch({ type: 'first-rows', rows: [row('late-1', { namespace: 'apps' })] });
  assert.equal(store.getState().table.rows.size, 3);
});

test('App: with no kubeconfig the screen explains where kpods looked and d opens the demo', async (t) => {
  const store = createStore();
  store.dispatch({
    type: 'base',
    screen: {
      id: 'noconfig',
      state: {
        failure: failure('kubeconfig.not-found', 'No kubeconfig found at /home/x/.kube/config (KUBECONFIG is not set).', [
          'Try kpods demo.',
        ]),
      },
    },
  });
  let demo = 0;
  const ui = renderSized(<App store={store} color={false} now={now} onQuit={() => undefined} onDemo={() => demo++} />, 100, 24);
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('/home/x/.kube/config') && x.includes('Press d'), 'explanation and offer');
  ui.stdin.write('d');
  assert.equal(demo, 1);
});
