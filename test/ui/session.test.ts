/** The UI session against a fake client: the 403 explanation comes from diagnose, with the session's namespaces. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failure } from '../../src/core/failure.js';
import type { Target } from '../../src/core/target.js';
import { UiSession } from '../../src/ui/session.js';
import { createStore } from '../../src/ui/store.js';
import { FakeClient } from './fake-client.js';
import { hintText } from '../../src/core/hint.js';
import { until } from '../helpers/until.js';

function target(context: string, namespace: string): Target {
  return {
    contextName: context,
    clusterName: 'c',
    userName: 'u',
    userOverridden: false,
    server: 'https://x.example',
    namespace,
    namespaceSource: 'context',
    tls: { insecureSkipVerify: false },
    auth: {},
    impersonate: { groups: [], extra: {} },
    disableCompression: false,
    origins: {},
    inCluster: false,
  };
}

test('a 403 lists the known namespaces where pods may be listed, a namespace called "access" included', async (t) => {
  const client = new FakeClient();
  client.fail = failure('authorization.forbidden', 'You are not allowed to list pods in namespace "prod".', [
    'Ask a cluster administrator for a Role/RoleBinding that grants this, or use a namespace where you have access (-n NAMESPACE).',
  ]);
  client.namespaces = { ok: false, failure: failure('authorization.forbidden', 'may not list namespaces') };
  client.allowed.add('access');
  const store = createStore();
  const session = new UiSession(
    store,
    {
      now: () => new Date(0),
      kubeconfig: () => ({
        contexts: [
          { name: 'dev', cluster: 'c', user: 'u', namespace: 'prod' },
          { name: 'other', cluster: 'c', user: 'u', namespace: 'access' },
        ],
        users: ['u'],
      }),
      resolve: (sel) => ({ ok: true, value: target(sel.context, 'prod') }),
      createClient: () => client,
    },
    { intervalMs: 60_000, watch: false },
    { context: 'dev' },
  );
  t.after(() => session.stop());
  session.start();
  await until(() => store.getState().table.failure !== undefined, 'the 403');
  const hints = store.getState().table.failure!.hints;
  assert.ok(
    hints.some((h) => hintText(h, 'cli').startsWith('You may list pods in: access')),
    hints.map((h) => hintText(h, 'cli')).join('\n'),
  );
});
