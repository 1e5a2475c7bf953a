/** Read-only decisions (flag, context extension, patterns, config) and the permission explanation and cache. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PermissionCache,
  forbiddenExplanation,
  globMatch,
  readOnlyDecision,
  reviewFor,
  splitPatterns,
} from '../../../src/core/actions/index.js';

const base = { flag: false, patterns: [], contextName: 'dev', clusterName: 'dev-cluster' };

test('read-only: the flag, the context extension, patterns on context or cluster names, the config file', () => {
  assert.deepEqual(readOnlyDecision(base), { readonly: false });
  assert.deepEqual(readOnlyDecision({ ...base, flag: true }), { readonly: true, why: '--readonly' });
  const ext = [{ name: 'kpods', extension: { readonly: true } }];
  assert.equal(readOnlyDecision({ ...base, contextExtensions: ext }).why, 'context dev has extension kpods: readonly: true');
  assert.equal(readOnlyDecision({ ...base, contextExtensions: [{ name: 'other', extension: { readonly: true } }] }).readonly, false);
  assert.equal(readOnlyDecision({ ...base, contextExtensions: [{ name: 'kpods', extension: { readonly: false } }] }).readonly, false);
  assert.equal(
    readOnlyDecision({ ...base, contextName: 'prod-eu', patterns: ['prod-*'] }).why,
    'context prod-eu matches read-only pattern prod-*',
  );
  assert.equal(readOnlyDecision({ ...base, patterns: ['*-cluster'] }).why, 'cluster dev-cluster matches read-only pattern *-cluster');
  assert.equal(readOnlyDecision({ ...base, patterns: ['prod-*'] }).readonly, false);
  assert.equal(readOnlyDecision({ ...base, config: true }).why, 'readonly: true in the kpods config file');
});

test('globs: * and ? over the whole name, other characters literal', () => {
  assert.ok(globMatch('prod-*', 'prod-'));
  assert.ok(globMatch('prod-*', 'prod-eu-1'));
  assert.ok(!globMatch('prod-*', 'my-prod-1'));
  assert.ok(globMatch('*prod*', 'my-prod-1'));
  assert.ok(globMatch('eu-?', 'eu-1'));
  assert.ok(!globMatch('eu-?', 'eu-12'));
  assert.ok(!globMatch('a.b', 'axb'));
  assert.ok(globMatch('arn:aws:eks:*:cluster/prod', 'arn:aws:eks:eu-west-1:cluster/prod'));
  assert.deepEqual(splitPatterns(['prod-*, staging-*', '', 'live']), ['prod-*', 'staging-*', 'live']);
});

test('the forbidden explanation names the action, namespace, user and groups', () => {
  assert.equal(
    forbiddenExplanation('delete', 'shop', { username: 'jane@example.com', groups: ['developers', 'system:authenticated'] }),
    'you may not delete pods in shop: you are jane@example.com in groups developers',
  );
  assert.equal(
    forbiddenExplanation('exec', 'default', { username: 'ops', groups: ['system:authenticated'] }),
    'you may not open a shell (create pods/exec) in default: you are ops in no groups',
  );
  assert.equal(forbiddenExplanation('delete', 'x', undefined), 'you may not delete pods in x: the server did not say who you are');
  assert.deepEqual(reviewFor('exec', 'shop', 'p'), { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'p' });
});

test('permission answers are cached per action and namespace for a short time; failures are not cached', async () => {
  let t = 0;
  let asked = 0;
  const cache = new PermissionCache(() => t, 30_000);
  const review = async () => (asked++, { ok: true as const, value: { allowed: false } });
  assert.deepEqual(await cache.check('delete', 'shop', review), { ok: true, value: { allowed: false } });
  await cache.check('delete', 'shop', review);
  assert.equal(asked, 1);
  await cache.check('delete', 'default', review);
  await cache.check('exec', 'shop', review);
  assert.equal(asked, 3);
  t = 30_001;
  await cache.check('delete', 'shop', review);
  assert.equal(asked, 4);
  const failing = async () => (
    asked++,
    { ok: false as const, failure: { stage: 'connection' as const, code: 'connection.refused' as const, summary: 's', hints: [] } }
  );
  await cache.check('delete', 'batch', failing);
  await cache.check('delete', 'batch', failing);
  assert.equal(asked, 6);
  cache.clear();
  await cache.check('delete', 'shop', review);
  assert.equal(asked, 7);
});
