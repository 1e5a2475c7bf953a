/** The real kubectl 1.32 reads the simulator's logs: -f, -p, -c, --tail, --timestamps, and the server's errors. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  findKubectl,
  runKubectl,
  seededPod,
  spawnKubectl,
  withDevelopersReadingPodsOnly,
  startTestSimulator,
  type Simulator,
} from '../helpers/sim.js';
import { requireTool } from '../helpers/tools.js';
import type { PodState } from '../../src/sim/pod-states.js';

const kubectl = findKubectl();
const WHAT = 'the kubectl logs tests';
let sim: Simulator;
const k = (args: string[], context = 'admin') => runKubectl(args, { kubeconfig: sim.kubeconfigPath, context });

before(async () => {
  if (kubectl) sim = await startTestSimulator({ pods: 60, logs: { fastRate: 1000 } });
});
after(async () => {
  await sim?.close();
});

function podIn(state: PodState, namespace?: string): [string, string] {
  const p = seededPod(sim, state, namespace);
  return [p.namespace, p.name];
}

test('kubectl logs --tail and --timestamps', async (t) => {
  if (!requireTool(t, 'kubectl', WHAT)) return;
  const [ns, name] = podIn('running', 'shop');
  const r = await k(['logs', '-n', ns, name, '--tail', '4', '--timestamps']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 4);
  for (const l of lines) assert.match(l, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z \S/);
});

test('kubectl logs -p on a crash-looping pod shows the error that killed it; on a pod that never restarted, the server says so', async (t) => {
  if (!requireTool(t, 'kubectl', WHAT)) return;
  const [ns, name] = podIn('crashloop', 'default');
  const r = await k(['logs', '-n', ns, name, '-p', '--tail', '2']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /"level":"fatal"/);
  const [ns2, fresh] = podIn('running', 'shop');
  const none = await k(['logs', '-n', ns2, fresh, '-p']);
  assert.notEqual(none.code, 0);
  assert.match(
    none.stderr,
    new RegExp(`Error from server \\(BadRequest\\): previous terminated container "\\w+" in pod "${fresh}" not found`),
  );
});

test('kubectl logs -c picks a container of a two-container pod; a waiting container is the server 400 text', async (t) => {
  if (!requireTool(t, 'kubectl', WHAT)) return;
  const [ns, name] = podIn('notready');
  const r = await k(['logs', '-n', ns, name, '-c', 'api', '--tail', '2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n').length, 2);
  const [ns2, creating] = podIn('containercreating');
  const waiting = await k(['logs', '-n', ns2, creating]);
  assert.notEqual(waiting.code, 0);
  assert.match(
    waiting.stderr,
    new RegExp(`Error from server \\(BadRequest\\): container "cart" in pod "${creating}" is waiting to start: ContainerCreating`),
  );
});

test('kubectl logs -f follows the fast pod until stopped', async (t) => {
  if (!requireTool(t, 'kubectl', WHAT)) return;
  const [ns, name] = sim.logs.fastPod!.split('/') as [string, string];
  const p = spawnKubectl(['logs', '-f', '-n', ns, name, '--tail', '1'], { kubeconfig: sim.kubeconfigPath, context: 'admin' });
  try {
    // 1 tail line, then new ones as the pod writes them (1,000 a second).
    await p.waitFor(/(?:.*\n){300}/, 20_000);
  } finally {
    await p.stop();
  }
});

test('kubectl logs as a user who may not read pods/log there: Forbidden from the server', async (t) => {
  if (!requireTool(t, 'kubectl', WHAT)) return;
  const [ns, name] = podIn('running', 'default');
  const r = await k(['logs', '-n', ns, name], 'viewer-basic');
  assert.equal(r.code, 0, r.stderr);
  const denied = await k(['logs', '-n', 'shop', podIn('running', 'shop')[1]], 'exec-ok');
  assert.equal(denied.code, 0, denied.stderr);
  await withDevelopersReadingPodsOnly(sim, 'payments', async () => {
    const [pns, pname] = podIn('running', 'payments');
    const f = await k(['logs', '-n', pns, pname], 'developer');
    assert.notEqual(f.code, 0);
    assert.match(
      f.stderr,
      /Error from server \(Forbidden\): pods ".*" is forbidden: User "jane@example.com" cannot get resource "pods\/log"/,
    );
  });
});
