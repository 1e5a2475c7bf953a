/** `kpods top` against the simulator: byte for byte with the real `kubectl top pods`, and explained failures. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { runKubectl } from '../helpers/sim.js';
import { requireTool } from '../helpers/tools.js';
import { runCommand } from '../helpers/run-command.js';

let sim: Simulator;
// A frozen server clock: the usage figures are the same for both runs.
const frozen = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));

before(async () => {
  sim = await startSimulator({ pods: 80, now: () => frozen });
});
after(async () => {
  await sim?.close();
});

const CASES: string[][] = [
  [],
  ['-A'],
  ['--containers'],
  ['-A', '--containers'],
  ['-n', 'shop', '-l', 'app=frontend'],
  ['-n', 'shop', '--containers', '-l', 'app in (cart,catalog)'],
  ['-A', '-l', 'app=nothing-has-this'],
  ['-n', 'no-such-namespace'],
];

for (const args of CASES) {
  test(`kpods top ${args.join(' ')} matches kubectl top pods byte for byte`, async (t) => {
    if (!requireTool(t, 'kubectl', 'the kpods-vs-kubectl top comparison')) return;
    const base = ['--kubeconfig', sim.kubeconfigPath, '--context', 'admin'];
    const [mine, theirs] = await Promise.all([
      runCommand(['top', ...base, ...args], { env: { HOME: sim.dir } }),
      runKubectl(['top', 'pods', ...args], { kubeconfig: sim.kubeconfigPath, context: 'admin' }),
    ]);
    assert.equal(theirs.code, 0, theirs.stderr);
    assert.equal(mine.stderr, theirs.stderr);
    assert.equal(mine.stdout, theirs.stdout);
    assert.equal(mine.code, 0);
  });
}

const top = (args: string[]) =>
  runCommand(['top', '--kubeconfig', sim.kubeconfigPath, ...args], { env: { HOME: sim.dir }, cwd: sim.dir, now: () => frozen });

test('no metrics API: kubectl says "Metrics API not available"; kpods explains it (response stage, exit 8)', async (t) => {
  const r = await top(['--context', 'no-metrics']);
  assert.equal(r.code, 8);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kpods top: The cluster does not serve the metrics API \(metrics\.k8s\.io\/v1beta1 is not in its discovery\)/);
  assert.match(r.stderr, /stage: response \(response\.not-found\)/);
  assert.match(r.stderr, /try: Install metrics-server/);
  if (!requireTool(t, 'kubectl', 'the kubectl side of the no-metrics case')) return;
  const theirs = await runKubectl(['top', 'pods'], { kubeconfig: sim.kubeconfigPath, context: 'no-metrics' });
  assert.equal(theirs.code, 1);
  assert.equal(theirs.stderr, 'error: Metrics API not available\n');
});

test('forbidden metrics: the authorization stage, naming the resource and namespace (exit 7)', async () => {
  const r = await top(['--context', 'developer', '-n', 'shop']);
  assert.equal(r.code, 7);
  assert.match(r.stderr, /not allowed to list pod metrics in namespace "shop" \(403 Forbidden\)/);
});

test('metrics-server down (503): a server failure with where to look (exit 8)', async () => {
  sim.metrics.setMode('unavailable');
  try {
    const r = await top(['--context', 'admin']);
    assert.equal(r.code, 8);
    assert.match(r.stderr, /stage: response \(response\.server-error\)/);
    assert.match(r.stderr, /try: The metrics API is registered but its server is not answering/);
  } finally {
    sim.metrics.setMode('available');
  }
});

test('pods without usage (completed jobs): explained instead of an empty table (exit 8)', async () => {
  const r = await top(['--context', 'admin', '-n', 'batch']);
  assert.equal(r.code, 8);
  assert.match(r.stderr, /The metrics API has no usage for the \d+ pods in namespace "batch"/);
  assert.match(r.stderr, /Only running containers have usage/);
});

test('usage: unknown flags are usage errors (exit 2)', async () => {
  const r = await top(['--sort-by', 'cpu']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Usage: kpods top/);
});

test('pods without usage are counted with a one-pod list, not by reading every pod of the namespace', async () => {
  const list = await runCommand(['list', '--kubeconfig', sim.kubeconfigPath, '--context', 'admin', '-n', 'batch'], {
    env: { HOME: sim.dir },
    cwd: sim.dir,
  });
  const pods = list.stdout.trim().split('\n').length - 1;
  assert.ok(pods >= 3, `batch has ${pods} pods`);
  const before = sim.stats.bytes;
  await runCommand(['list', '--kubeconfig', sim.kubeconfigPath, '--context', 'admin', '-n', 'batch'], {
    env: { HOME: sim.dir },
    cwd: sim.dir,
  });
  const listBytes = sim.stats.bytes - before;
  const start = sim.stats.bytes;
  const r = await top(['--context', 'admin', '-n', 'batch']);
  const topBytes = sim.stats.bytes - start;
  assert.match(r.stderr, new RegExp(`The metrics API has no usage for the ${pods} pods in namespace "batch" \\(e\\.g\\. batch/`));
  assert.ok(topBytes < listBytes, `top read ${topBytes} bytes, a full list of the namespace ${listBytes}`);
});
