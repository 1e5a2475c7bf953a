import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findNamespacesAllowingPods, namespacesNamedByRules, rulesAllowListPods } from '../../../src/core/client/allowed-namespaces.js';
import type { KubeClient } from '../../../src/core/client/types.js';

const rule = (verbs: string[], resources: string[], resourceNames: string[] = [], apiGroups = ['']) => ({
  verbs,
  apiGroups,
  resources,
  resourceNames,
});

test('rules that allow listing pods', () => {
  assert.equal(rulesAllowListPods([rule(['get', 'list'], ['pods'])]), true);
  assert.equal(rulesAllowListPods([rule(['*'], ['*'], [], ['*'])]), true);
  assert.equal(rulesAllowListPods([rule(['get'], ['pods'])]), false);
  assert.equal(rulesAllowListPods([rule(['list'], ['pods'], [], ['apps'])]), false);
});

test('namespaces named by rules: read verbs on namespaces with resourceNames', () => {
  assert.deepEqual(namespacesNamedByRules([rule(['get'], ['namespaces'], ['shop', 'lab']), rule(['get'], ['pods'], ['x'])]), [
    'shop',
    'lab',
  ]);
  assert.deepEqual(namespacesNamedByRules([rule(['delete'], ['namespaces'], ['shop'])]), []);
  assert.deepEqual(namespacesNamedByRules([rule(['get'], ['namespaces'], ['shop'], ['apps'])]), []);
});

test('findNamespacesAllowingPods follows namespaces named by rules and lets the access review decide', async () => {
  const asked: string[] = [];
  const client = {
    canI: async (_v: string, _r: string, ns: string | undefined) => (asked.push(`can:${ns}`), { ok: true as const, value: ns === 'lab' }),
    rules: async (ns: string) => (
      asked.push(`rules:${ns}`),
      { ok: true as const, value: ns === 'default' ? [rule(['get'], ['namespaces'], ['lab'])] : [rule(['list'], ['pods'])] }
    ),
  } as unknown as KubeClient;
  const found = await findNamespacesAllowingPods(client, ['default']);
  assert.deepEqual(found.allowed, ['lab']);
  assert.deepEqual(found.checked, ['default', 'lab']);
  assert.ok(asked.includes('can:lab') && asked.includes('rules:default'));
});
