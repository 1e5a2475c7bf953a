/** `kpods demo --help` and its usage errors agree on the limits they state; --log-rate reaches the simulator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_USAGE, demoGuide, parseDemoArgs, startDemo } from '../../src/commands/demo.js';

test('--pods: the help states the same maximum the check enforces', () => {
  const max = /--pods N\s+number of pods, 0 to (\d+)/.exec(DEMO_USAGE)?.[1];
  assert.ok(max, DEMO_USAGE);
  assert.equal(typeof parseDemoArgs(['--pods', max]), 'object');
  const over = parseDemoArgs(['--pods', String(Number(max) + 1)]);
  assert.equal(typeof over, 'string');
  assert.match(over as string, new RegExp(`from 0 to ${max}\\b`));
});

test('--log-rate: the fast pod writes that many lines a second; the help states the limits the check enforces', async () => {
  const limits = /--log-rate N\s+lines per second .* (\d+) to (\d+)/.exec(DEMO_USAGE);
  assert.ok(limits, DEMO_USAGE);
  const [min, max] = [Number(limits[1]), Number(limits[2])];
  for (const bad of [String(min - 1), String(max + 1), 'fast']) {
    const r = parseDemoArgs(['--log-rate', bad]);
    assert.equal(typeof r, 'string');
    assert.match(r as string, new RegExp(`--log-rate must be a whole number from ${min} to ${max}\\b`));
  }
  const opts = parseDemoArgs(['--serve', '--log-rate', '5000', '--pods', '20']);
  assert.ok(typeof opts === 'object');
  assert.equal(opts.logs?.fastRate, 5000);
  const sim = await startDemo({ ...opts, churnPerSecond: 0 });
  try {
    assert.equal(sim.logs.fastRate, 5000);
    assert.ok(sim.logs.fastPod);
    assert.match(await demoGuide(sim), new RegExp(`The pod ${sim.logs.fastPod} writes 5000 log lines a second \\(--log-rate\\)`));
  } finally {
    await sim.close();
  }
  const plain = parseDemoArgs([]);
  assert.ok(typeof plain === 'object' && plain.logs === undefined);
});
