/**
 * One hint source, two renderings (issue 10 item 9): the browser names keys ("press n and choose
 * shop", "press c"), the command line keeps its flags ("-n shop", "kpods contexts"). And a 403 at
 * cluster scope asks for a ClusterRole/ClusterRoleBinding, not a Role (item 12).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { renderSized } from '../helpers/ink.js';
import { runCommand } from '../helpers/run-command.js';
import { startSimulator } from '../../src/sim/index.js';
import { StatusPane } from '../../src/ui/StatusPane.js';
import { contextNotFound } from '../../src/core/kubeconfig/errors.js';
import type { LoadedKubeconfig } from '../../src/core/kubeconfig/types.js';

const CLI_WORDS = /-n shop|-n NAMESPACE|kpods contexts|--context NAME|kpods trace|try -A/;

test('the browser pane names keys where the command line names flags (403 in a namespace)', async (t) => {
  const { ui, sim } = await startAppOnSim(t, {
    sim: { pods: 20 },
    feed: { intervalMs: 200, watch: false },
    selection: { context: 'developer' },
    columns: 160,
    rows: 30,
  });
  const f = await ui.waitFor((x) => x.includes('[authorization ✗]') && x.includes('You may list pods in: shop'), '403 names shop', 20_000);
  assert.match(f, /press n and choose shop/);
  assert.match(f, /Role\/RoleBinding/);
  assert.doesNotMatch(f, CLI_WORDS);
  // The command line, from the same hints, keeps its flags.
  const env = { HOME: sim.dir, KUBECONFIG: undefined };
  const trace = await runCommand(['trace', '--kubeconfig', sim.kubeconfigPath, '--context', 'developer'], { env });
  assert.match(trace.stdout, /-> You may list pods in: shop \(e\.g\. -n shop\)\./);
  assert.match(trace.stdout, /or use a namespace where you have access \(-n NAMESPACE\)\./);
  assert.doesNotMatch(trace.stdout, /press n/);
});

test('an unknown context: "press c" in the browser, "kpods contexts" on the command line', async (t) => {
  const config = { files: [], contexts: [{ name: 'dev' }, { name: 'prod' }], clusters: [], users: [] } as unknown as LoadedKubeconfig;
  const f = contextNotFound(config, 'nope', false);
  const ui = renderSized(<StatusPane failure={f} maxLines={12} color={false} width={120} />, 120, 16);
  const frame = await ui.waitFor((x) => x.includes('why no pods'), 'the pane');
  ui.unmount();
  assert.match(frame, /press c/i);
  assert.doesNotMatch(frame, CLI_WORDS);
  const sim = await startSimulator({ pods: 1 });
  t.after(() => sim.close());
  const list = await runCommand(['list', '--kubeconfig', sim.kubeconfigPath, '--context', 'nope'], { env: { HOME: sim.dir } });
  assert.match(list.stderr, /list them with: kpods contexts/);
  assert.doesNotMatch(list.stderr, /press c/);
});

test('a 403 at cluster scope (-A) asks for a ClusterRole/ClusterRoleBinding, in a namespace for a Role/RoleBinding', async (t) => {
  const sim = await startSimulator({ pods: 5 });
  t.after(() => sim.close());
  const env = { HOME: sim.dir, KUBECONFIG: undefined };
  const base = ['list', '--kubeconfig', sim.kubeconfigPath, '--context', 'developer'];
  const all = await runCommand([...base, '-A'], { env });
  assert.equal(all.code, 7, all.stderr);
  assert.match(all.stderr, /ClusterRole\/ClusterRoleBinding/);
  assert.doesNotMatch(all.stderr, /a Role\/RoleBinding/);
  const one = await runCommand([...base, '-n', 'default'], { env });
  assert.equal(one.code, 7, one.stderr);
  assert.match(one.stderr, /a Role\/RoleBinding/);
});
