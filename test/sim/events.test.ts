/**
 * The troubled namespace and core/v1 Events: the real kubectl describes a crash-looping pod with
 * its events (kubectl's "3m (x13 over 47m)" ages), lists events as a Table, and the simulator
 * answers the field selectors kubectl uses; the developer may read pods in shop but not events.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runKubectl, simRequest, startTestSimulator, type Simulator } from '../helpers/sim.js';
import { requireTool } from '../helpers/tools.js';
import { troubledPods } from '../../src/sim/troubled.js';

// kubectl describe computes ages with its own (real) clock: the server's frozen clock starts when
// the tests do (not when the file is imported: a test shard imports all its files first).
let FROZEN = new Date();
let sim: Simulator;
const k = (args: string[], context = 'admin') => runKubectl(args, { kubeconfig: sim.kubeconfigPath, context });

before(async () => {
  FROZEN = new Date();
  sim = await startTestSimulator({ pods: 30, now: () => FROZEN, troubled: true });
});
after(async () => {
  await sim?.close();
});

test('the troubled namespace has one pod per finding code and a healthy control', () => {
  const codes = troubledPods(FROZEN.getTime()).map((t) => t.code);
  for (const code of [
    'pod.crash-loop',
    'pod.oom-killed',
    'pod.exit-error',
    'pod.image-not-found',
    'pod.image-pull-auth',
    'pod.image-pull',
    'pod.config-missing',
    'pod.unschedulable',
    'pod.init-failed',
    'pod.mount-failed',
    'pod.sandbox-failed',
    'pod.not-ready',
    'pod.liveness-restarts',
    'pod.evicted',
    'pod.stuck-terminating',
    'pod.node-lost',
    'pod.pending',
    'pod.unknown',
    '',
  ])
    assert.ok(codes.includes(code), code);
  assert.equal([...sim.cluster.iterate('troubled')].length, codes.length);
});

test('events are served per namespace and for all, with the involvedObject field selectors', async () => {
  const pod = sim.cluster.getPod('troubled', 'orders-7f9c6d8b5-k2x7p')!.pod;
  const sel = `involvedObject.name=${pod.metadata!.name},involvedObject.namespace=troubled,involvedObject.uid=${pod.metadata!.uid},involvedObject.kind=Pod`;
  const r = await simRequest(sim, `/api/v1/namespaces/troubled/events?fieldSelector=${encodeURIComponent(sel)}`);
  assert.equal(r.status, 200);
  const list = JSON.parse(r.body) as { kind: string; items: Array<Record<string, unknown>> };
  assert.equal(list.kind, 'EventList');
  assert.deepEqual(
    list.items.map((e) => e['reason']),
    ['Scheduled', 'Pulled', 'Created', 'Started', 'BackOff'],
  );
  const backOff = list.items.find((e) => e['reason'] === 'BackOff')!;
  assert.equal(backOff['count'], 52);
  assert.deepEqual(backOff['source'], { component: 'kubelet', host: pod.spec!.nodeName });
  assert.equal((backOff['involvedObject'] as Record<string, string>)['fieldPath'], 'spec.containers{orders}');
  const scheduled = list.items.find((e) => e['reason'] === 'Scheduled')!;
  assert.equal(scheduled['reportingComponent'], 'default-scheduler');
  assert.equal(scheduled['firstTimestamp'], null);
  const all = await simRequest(sim, '/api/v1/events?fieldSelector=type%3DWarning,reason%3DFailedScheduling');
  const failed = JSON.parse(all.body) as { items: Array<{ series?: { count: number }; metadata: { namespace: string } }> };
  assert.equal(failed.items.length, 1);
  assert.equal(failed.items[0]!.series?.count, 14);
  const bad = await simRequest(sim, '/api/v1/namespaces/troubled/events?fieldSelector=spec.foo%3Dbar');
  assert.equal(bad.status, 400);
  assert.match(bad.body, /field label not supported: spec.foo/);
});

test('the developer may read pods in shop but not events', async () => {
  const pods = await simRequest(sim, '/api/v1/namespaces/shop/pods', { auth: { token: sim.secrets.developerToken } });
  assert.equal(pods.status, 200);
  const events = await simRequest(sim, '/api/v1/namespaces/shop/events', { auth: { token: sim.secrets.developerToken } });
  assert.equal(events.status, 403);
  assert.match(
    events.body,
    /events is forbidden: User \\"jane@example.com\\" cannot list resource \\"events\\" in API group \\"\\" in the namespace \\"shop\\"/,
  );
});

test('kubectl describe pod shows the events with kubectl ages', async (t) => {
  if (!requireTool(t, 'kubectl', 'kubectl describe against the simulator')) return;
  const r = await k(['describe', 'pod', '-n', 'troubled', 'orders-7f9c6d8b5-k2x7p']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1\n/);
  assert.match(r.stdout, /Restart Count:\s+12\n/);
  assert.match(
    r.stdout,
    /Normal\s+Scheduled\s+4[6-8]m\s+default-scheduler\s+Successfully assigned troubled\/orders-7f9c6d8b5-k2x7p to worker-\d/,
  );
  assert.match(
    r.stdout,
    /Warning\s+BackOff\s+\d+s \(x52 over 46m\)\s+kubelet\s+Back-off restarting failed container orders in pod orders-7f9c6d8b5-k2x7p_troubled\(/,
  );
  const s = await k(['describe', 'pod', '-n', 'troubled', 'analytics-8c9d7f6b5-r7t9v']);
  assert.match(
    s.stdout,
    /Warning\s+FailedScheduling\s+4m\d*s? \(x14 over 52m\)\s+default-scheduler\s+0\/3 nodes are available: .*Insufficient memory/,
  );
});

test('kubectl get events: the server Table, -o wide and --field-selector', async (t) => {
  if (!requireTool(t, 'kubectl', 'kubectl get events against the simulator')) return;
  const r = await k(['get', 'events', '-n', 'troubled']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.split('\n')[0]!, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
  assert.match(
    r.stdout,
    /\n66s\s+Warning\s+FailedMount\s+pod\/ledger-api-5d7f9c8b6-n2p4r\s+MountVolume.SetUp failed for volume "tls" : secret "ledger-tls" not found\n/,
  );
  const w = await k(['get', 'events', '-n', 'troubled', '-o', 'wide', '--field-selector', 'reason=Unhealthy']);
  assert.equal(w.code, 0, w.stderr);
  assert.match(w.stdout.split('\n')[0]!, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME$/);
  assert.match(
    w.stdout,
    /\n7s\s+Warning\s+Unhealthy\s+pod\/inventory-5c8d7b9f6-v4w6x\s+spec.containers\{inventory\}\s+kubelet, worker-\d\s+Readiness probe failed: HTTP probe failed with statuscode: 503\s+4h\s+1436\s+inventory-/,
  );
  assert.equal(w.stdout.trim().split('\n').length, 3);
  const all = await k(['get', 'events', '-A', '--field-selector', 'involvedObject.name=orders-7f9c6d8b5-k2x7p']);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout.split('\n')[0]!, /^NAMESPACE\s+LAST SEEN/);
  assert.equal(all.stdout.trim().split('\n').length, 6);
  const dev = await k(['get', 'events', '-n', 'shop'], 'developer');
  assert.notEqual(dev.code, 0);
  assert.match(dev.stderr, /cannot list resource "events" in API group "" in the namespace "shop"/);
});
