import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesLabels, parseLabelSelector, splitSelector } from '../../src/core/label-selector.js';

test('label selectors: every operator, and the part that does not parse', () => {
  const p = parseLabelSelector('app=web, tier!=db, env in (a, b), gpu, !legacy');
  assert.ok(p.ok);
  assert.equal(matchesLabels(p.requirements, { app: 'web', tier: 'api', env: 'b', gpu: '' }), true);
  assert.equal(matchesLabels(p.requirements, { app: 'web', tier: 'api', env: 'c', gpu: '' }), false);
  assert.equal(matchesLabels(p.requirements, { app: 'web', tier: 'api', env: 'a', gpu: '', legacy: 'y' }), false);
  assert.deepEqual(parseLabelSelector('app=web,=x'), { ok: false, part: '=x' });
  assert.deepEqual(splitSelector('a in (x,y), b=c'), ['a in (x,y)', 'b=c']);
});
