import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namespacesNamedByRules, rulesAllowListPods } from '../../src/core/client/allowed-namespaces.js';

const rule = (verbs: string[], resources: string[], resourceNames: string[] = [], apiGroups = ['']) => ({ verbs, apiGroups, resources, resourceNames });

test('rules that allow listing pods', () => {
  assert.equal(rulesAllowListPods([rule(['get', 'list'], ['pods'])]), true);
  assert.equal(rulesAllowListPods([rule(['*'], ['*'], [], ['*'])]), true);
  assert.equal(rulesAllowListPods([rule(['get'], ['pods'])]), false);
  assert.equal(rulesAllowListPods([rule(['list'], ['pods'], [], ['apps'])]), false);
});

test('namespaces named by rules: read verbs on namespaces with resourceNames', () => {
  assert.deepEqual(namespacesNamedByRules([rule(['get'], ['namespaces'], ['shop', 'lab']), rule(['get'], ['pods'], ['x'])]), ['shop', 'lab']);
  assert.deepEqual(namespacesNamedByRules([rule(['delete'], ['namespaces'], ['shop'])]), []);
  assert.deepEqual(namespacesNamedByRules([rule(['get'], ['namespaces'], ['shop'], ['apps'])]), []);
});
