/** diagnose: the one place a 403 is explained; the caller's known namespaces are its candidates. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../src/core/client/diagnose.js';
import { failure } from '../../../src/core/failure.js';
import { FakeClient } from '../../ui/fake-client.js';
import { hintText } from '../../../src/core/hint.js';

// A hint as the client writes it: its words (access, cluster, use) are also namespace names below.
const forbidden = failure('authorization.forbidden', 'You are not allowed to list pods in namespace "prod".', [
  'Ask a cluster administrator for a Role/RoleBinding that grants this, or use a namespace where you have access (-n NAMESPACE).',
]);

test('diagnose checks every candidate namespace, including ones whose names occur in a hint (access, cluster, use)', async () => {
  const c = new FakeClient();
  c.namespaces = { ok: false, failure: failure('authorization.forbidden', 'may not list namespaces') };
  for (const ns of ['access', 'cluster', 'use']) c.allowed.add(ns);
  const d = await diagnose(forbidden, c, { namespace: 'prod', candidateNamespaces: ['access', 'cluster', 'use', 'other'] });
  assert.ok(
    d.hints.some((h) => hintText(h, 'cli').startsWith('You may list pods in: access, cluster, use')),
    d.hints.map((h) => hintText(h, 'cli')).join('\n'),
  );
});

test('diagnose: when namespaces can be listed, the known ones are checked first (the list may be longer than the limit)', async () => {
  const c = new FakeClient();
  const many = Array.from({ length: 60 }, (_, i) => `ns-${String(i).padStart(2, '0')}`);
  c.namespaces = { ok: true, value: [...many, 'access'] };
  c.allowed.add('access');
  const d = await diagnose(forbidden, c, { namespace: 'prod', candidateNamespaces: ['access'], maxNamespaces: 40 });
  assert.ok(
    d.hints.some((h) => hintText(h, 'cli').includes('You may list pods in: access')),
    d.hints.map((h) => hintText(h, 'cli')).join('\n'),
  );
});
