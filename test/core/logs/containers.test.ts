/** The container picker's entries: init and sidecar containers too, with their state. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPod } from '../../../src/sim/pod-factory.js';
import { generateSeeds } from '../../../src/sim/generate.js';
import { containerChoices, onlyContainer } from '../../../src/core/logs/containers.js';

const NOW = Date.UTC(2026, 11, 1);
const seeds = generateSeeds(24, 1, NOW);
const podOf = (state: string) =>
  buildPod(
    seeds.find((s) => s.state === state)!,
    '1',
  );

test('a sidecar pod lists the sidecar (init, restartPolicy Always) first, with state and restarts', () => {
  const c = containerChoices(podOf('sidecar'));
  assert.deepEqual(
    c.map((x) => [x.name, x.kind, x.state, x.restarts, x.hasPrevious]),
    [
      ['istio-proxy', 'sidecar', 'Running', 2, true],
      ['cart', 'app', 'Running', 0, true],
    ],
  );
  assert.equal(onlyContainer(c), undefined);
});

test('init containers with their states; a crash loop has a previous instance; one container opens directly', () => {
  const init = containerChoices(podOf('init-progress'));
  assert.deepEqual(
    init.map((x) => [x.name, x.kind, x.state]),
    [
      ['init-config', 'init', 'Terminated: Completed (exit 0)'],
      ['init-migrate', 'init', 'Running'],
      ['ledger', 'app', 'Waiting: PodInitializing'],
    ],
  );
  const crash = containerChoices(podOf('crashloop'));
  assert.equal(crash.length, 1);
  assert.equal(crash[0]!.state, 'Waiting: CrashLoopBackOff');
  assert.equal(crash[0]!.hasPrevious, true);
  assert.equal(onlyContainer(crash), 'api');
  assert.equal(containerChoices(podOf('hostile'))[0]!.state, 'Waiting: ^[[2J^[[H^[[31mCrashLoopBackOff^[]0;pwned^G^[[0m');
});
