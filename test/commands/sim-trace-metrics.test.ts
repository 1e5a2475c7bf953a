/** `kpods trace` ends with an informational metrics check: available, absent, forbidden or failing, never a failure. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { runCommand } from '../helpers/run-command.js';

let sim: Simulator;
before(async () => {
  sim = await startSimulator({ pods: 40 });
});
after(async () => {
  await sim?.close();
});

interface Report {
  ok: boolean;
  info: Array<{ name: string; status: string; summary: string }>;
}
const trace = async (args: string[]): Promise<{ code: number | null; report: Report; text: string }> => {
  const base = ['--kubeconfig', sim.kubeconfigPath, ...args];
  const json = await runCommand(['trace', ...base, '-o', 'json'], { env: { HOME: sim.dir }, cwd: sim.dir });
  const text = await runCommand(['trace', ...base], { env: { HOME: sim.dir }, cwd: sim.dir });
  return { code: json.code, report: JSON.parse(json.stdout) as Report, text: text.stdout };
};

test('available: usage served in the context namespace', async () => {
  const r = await trace(['--context', 'admin']);
  assert.equal(r.code, 0);
  assert.equal(r.report.info[0]?.status, 'available');
  assert.match(r.report.info[0]!.summary, /^metrics\.k8s\.io\/v1beta1 answers: usage for \d+ pods in namespace "default"\.$/);
  assert.match(r.text, /Also checked \(informational, never a failure\):\n {3}metrics +available \(\d+ ms\)\n {3}metrics\.k8s\.io/);
});

test('absent, forbidden and failing are one line each and never fail the trace', async () => {
  const absent = await trace(['--context', 'no-metrics']);
  assert.deepEqual([absent.code, absent.report.ok, absent.report.info[0]?.status], [0, true, 'absent']);
  assert.match(absent.report.info[0]!.summary, /does not serve metrics\.k8s\.io/);

  const forbidden = await trace(['--context', 'developer', '-n', 'shop']);
  assert.deepEqual([forbidden.code, forbidden.report.info[0]?.status], [0, 'forbidden']);
  assert.equal(forbidden.report.info[0]!.summary, 'You may not read pod metrics in namespace "shop" (403 Forbidden on metrics.k8s.io).');

  sim.metrics.setMode('unavailable');
  try {
    const failing = await trace(['--context', 'admin']);
    assert.deepEqual([failing.code, failing.report.info[0]?.status], [0, 'failing']);
    assert.match(failing.report.info[0]!.summary, /^The metrics API is listed but failing: .*HTTP 503/);
    assert.ok(!failing.report.info[0]!.summary.includes('\n'));
  } finally {
    sim.metrics.setMode('available');
  }
});

test('no metrics check when the trace stops early', async () => {
  const r = await trace(['--context', 'expired-token']);
  assert.equal(r.code, 6);
  assert.deepEqual(r.report.info, []);
  assert.doesNotMatch(r.text, /informational/);
});
