/** `kpods demo --help` and its usage errors agree on the limits they state. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_USAGE, parseDemoArgs } from '../../src/commands/demo.js';

test('--pods: the help states the same maximum the check enforces', () => {
  const max = /--pods N\s+number of pods, 0 to (\d+)/.exec(DEMO_USAGE)?.[1];
  assert.ok(max, DEMO_USAGE);
  assert.equal(typeof parseDemoArgs(['--pods', max]), 'object');
  const over = parseDemoArgs(['--pods', String(Number(max) + 1)]);
  assert.equal(typeof over, 'string');
  assert.match(over as string, new RegExp(`from 0 to ${max}\\b`));
});
