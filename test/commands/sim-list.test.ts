/** `kpods list` against the simulator, byte for byte with the real kubectl on the same server. */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { runCommand } from '../helpers/run-command.js';
import { runKubectl } from '../helpers/sim.js';
import { requireTool } from '../helpers/tools.js';

let sim: Simulator;
// A frozen server clock: every AGE and "(… ago)" cell is stable between the two runs.
const frozen = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));

before(async () => {
  sim = await startSimulator({ pods: 80, now: () => frozen });
});
after(async () => {
  await sim?.close();
});

const env = (): Record<string, string | undefined> => ({ HOME: sim.dir, KUBECONFIG: undefined });

const CASES: string[][] = [
  [],
  ['-n', 'shop'],
  ['-n', 'batch'],
  ['-o', 'wide'],
  ['-n', 'shop', '-o', 'wide'],
  ['-l', 'app=web'],
  ['-A', '--field-selector', 'metadata.namespace!=hostile'],
  ['-A', '-o', 'wide', '--field-selector', 'metadata.namespace!=hostile'],
  ['-A', '-l', 'app in (web,api)', '--field-selector', 'metadata.namespace!=hostile'],
  ['-n', 'no-such-namespace'],
  ['-A', '-l', 'app=nothing-has-this'],
  ['-n', 'shop', '-o', 'json'],
];

// Each case is one kubectl process and one in-process list, independent of the others: four at a time.
describe('kpods list against kubectl', { concurrency: 4 }, () => {
  for (const args of CASES) {
    test(`kpods list ${args.join(' ')} matches kubectl get pods byte for byte`, async (t) => {
      if (!requireTool(t, 'kubectl', 'the kpods-vs-kubectl list comparison')) return;
      const base = ['--kubeconfig', sim.kubeconfigPath, '--context', 'admin'];
      const [mine, theirs] = await Promise.all([
        runCommand(['list', ...base, ...args], { env: env() }),
        runKubectl(['get', 'pods', ...args], { kubeconfig: sim.kubeconfigPath, context: 'admin' }),
      ]);
      assert.equal(theirs.code, 0, theirs.stderr);
      assert.equal(mine.stderr, theirs.stderr);
      assert.equal(mine.stdout, theirs.stdout);
      assert.equal(mine.code, 0);
    });
  }
});

test('hostile text from the cluster is neutralised (no escape reaches the terminal)', async () => {
  const r = await runCommand(['list', '--kubeconfig', sim.kubeconfigPath, '--context', 'hostile'], { env: env() });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.match(r.stdout, /\^\[\[31m/);
});
