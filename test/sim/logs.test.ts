/** The simulator's container logs over real HTTPS: options, kube-apiserver's and the kubelet's errors, follow, hooks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileSimulator, seededPod, withDevelopersReadingPodsOnly, simRequest, simStream } from '../helpers/sim.js';
import type { PodState } from '../../src/sim/pod-states.js';

const sim = fileSimulator({ pods: 60, logs: { fastRate: 2000 } });

function podIn(state: PodState, namespace?: string): { ns: string; name: string } {
  const p = seededPod(sim(), state, namespace);
  return { ns: p.namespace, name: p.name };
}
const logPath = (p: { ns: string; name: string }, query = '') => `/api/v1/namespaces/${p.ns}/pods/${p.name}/log${query ? '?' + query : ''}`;
const lines = (body: string) => body.split('\n').filter((l) => l !== '');
const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z) /;

test('a running pod: text/plain, tailLines, timestamps as RFC 3339 nano, limitBytes', async () => {
  const pod = podIn('running', 'shop');
  const r = await simRequest(sim(), logPath(pod, 'tailLines=5'));
  assert.equal(r.status, 200);
  assert.match(String(r.headers['content-type']), /^text\/plain/);
  assert.equal(lines(r.body).length, 5);
  const ts = await simRequest(sim(), logPath(pod, 'tailLines=3&timestamps=true'));
  for (const l of lines(ts.body)) assert.match(l, TS);
  // The same lines without the prefix (deterministic from the pod and the time); the pod may have
  // written a line between the two requests, so the window can have moved on by that much.
  const five = lines(r.body);
  const stripped = lines(ts.body).map((l) => l.replace(TS, ''));
  const at = five.indexOf(stripped[0]!);
  assert.ok(at >= 2, `${stripped[0]} is among the last lines of ${five.join(' | ')}`);
  assert.deepEqual(stripped.slice(0, five.length - at), five.slice(at));
  const limited = await simRequest(sim(), logPath(pod, 'limitBytes=10'));
  assert.equal(Buffer.byteLength(limited.body), 10);
});

test('sinceTime is second precision and inclusive; sinceSeconds; both is 422', async () => {
  const pod = podIn('running', 'default');
  const all = lines((await simRequest(sim(), logPath(pod, 'tailLines=40&timestamps=true'))).body);
  const pivot = all[20]!.match(TS)![1]!;
  const second = pivot.slice(0, 19) + 'Z';
  const since = lines((await simRequest(sim(), logPath(pod, `timestamps=true&sinceTime=${encodeURIComponent(pivot)}`))).body);
  assert.ok(since[0]!.slice(0, 19) === second.slice(0, 19), `${since[0]} starts in ${second}`);
  assert.ok(since.includes(all[20]!));
  assert.ok(since.length >= 20);
  const recent = lines((await simRequest(sim(), logPath(pod, 'sinceSeconds=3600&timestamps=true'))).body);
  assert.ok(recent.length > 0);
  const both = await simRequest(sim(), logPath(pod, 'sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z'));
  assert.equal(both.status, 422);
  assert.match(JSON.parse(both.body).message, /at most one of `sinceTime` or `sinceSeconds` may be specified/);
  const negative = await simRequest(sim(), logPath(pod, 'tailLines=-1'));
  assert.equal(negative.status, 422);
  assert.match(JSON.parse(negative.body).message, /tailLines: Invalid value: -1: must be greater than or equal to 0/);
});

test("kube-apiserver's and the kubelet's 400s, and 404 for a missing pod", async () => {
  const message = async (path: string, code: number) => {
    const r = await simRequest(sim(), path);
    assert.equal(r.status, code, r.body);
    const st = JSON.parse(r.body);
    assert.equal(st.kind, 'Status');
    return st.message as string;
  };
  const running = podIn('running', 'shop');
  assert.equal(
    await message(logPath(running, 'previous=true'), 400),
    `previous terminated container "${running.name.split('-')[0]}" in pod "${running.name}" not found`,
  );
  const creating = podIn('containercreating');
  assert.equal(await message(logPath(creating), 400), `container "cart" in pod "${creating.name}" is waiting to start: ContainerCreating`);
  const pulling = podIn('imagepullbackoff');
  assert.match(await message(logPath(pulling), 400), /is waiting to start: trying and failing to pull image$/);
  const two = podIn('notready');
  assert.equal(await message(logPath(two), 400), `a container name must be specified for pod ${two.name}, choose one of: [helper api]`);
  assert.equal(await message(logPath(two, 'container=nope'), 400), `container nope is not valid for pod ${two.name}`);
  assert.equal(await message(logPath({ ns: 'shop', name: 'nope-1' }), 404), 'pods "nope-1" not found');
  // With init containers, the message names them too.
  const pod = structuredClone(sim().cluster.getPod(two.ns, two.name)!.pod);
  const { resourceVersion: _stored, ...meta } = pod.metadata ?? {};
  pod.metadata = { ...meta, name: 'with-init' };
  pod.spec = { ...pod.spec, initContainers: [{ name: 'init-db', image: 'busybox:1.36' }] };
  sim().cluster.putPod(pod);
  assert.equal(
    await message(logPath({ ns: two.ns, name: 'with-init' }), 400),
    'a container name must be specified for pod with-init, choose one of: [helper api] or one of the init containers: [init-db]',
  );
});

test('a crash-looping container: its log ends with the error that killed it; -p reads the same terminated instance', async () => {
  const pod = podIn('crashloop', 'default');
  const current = lines((await simRequest(sim(), logPath(pod, 'tailLines=3'))).body);
  const previous = lines((await simRequest(sim(), logPath(pod, 'tailLines=3&previous=true'))).body);
  assert.deepEqual(current, previous);
  assert.match(current.at(-1)!, /fatal/);
  sim().logs.setLastWords(pod.ns, pod.name, 'api', ['panic: the last words', 'exit status 2']);
  const custom = lines((await simRequest(sim(), logPath(pod, 'previous=true&tailLines=2'))).body);
  assert.deepEqual(custom, ['panic: the last words', 'exit status 2']);
  sim().logs.setLastWords(pod.ns, pod.name, 'api', undefined);
});

test('403 for pods/log names the subresource; a user allowed to read pods but not logs gets it', async () => {
  await withDevelopersReadingPodsOnly(sim(), 'payments', async () => {
    const pod = podIn('running', 'payments');
    const auth = { token: sim().secrets.developerToken };
    assert.equal((await simRequest(sim(), `/api/v1/namespaces/payments/pods/${pod.name}`, { auth })).status, 200);
    const r = await simRequest(sim(), logPath(pod), { auth });
    assert.equal(r.status, 403);
    assert.equal(
      JSON.parse(r.body).message,
      `pods "${pod.name}" is forbidden: User "jane@example.com" cannot get resource "pods/log" in API group "" in the namespace "payments"`,
    );
    const shop = podIn('running', 'shop');
    assert.equal((await simRequest(sim(), logPath(shop, 'tailLines=1'), { auth })).status, 200);
  });
});

test('follow: the fast pod streams new lines; dropStreams cuts the connection mid-line', async () => {
  const [ns, name] = sim().logs.fastPod!.split('/') as [string, string];
  const s = await simStream(sim(), logPath({ ns, name }, 'follow=true&tailLines=1&timestamps=true'));
  assert.equal(s.status, 200);
  await s.waitForLines(200);
  assert.equal(sim().logs.openStreams, 1);
  assert.equal(sim().logs.dropStreams({ midLine: true }), 1);
  await s.ended;
  assert.equal(sim().logs.openStreams, 0);
  // Every complete line is a timestamped nginx access line; the cut one is incomplete.
  for (const l of s.lines.slice(1, -1)) assert.match(l, /^\S+Z \d+\.\d+\.\d+\.\d+ - - \[/);
});

test('follow ends when the pod is deleted, and the next request is a 404', async () => {
  const pod = podIn('running', 'monitoring');
  const s = await simStream(sim(), logPath(pod, 'follow=true&tailLines=2'));
  await s.waitForLines(2);
  sim().cluster.deletePod(pod.ns, pod.name);
  await s.ended;
  assert.equal((await simRequest(sim(), logPath(pod))).status, 404);
});

test('an unscheduled pod has an empty log (no node to ask)', async () => {
  const r = await simRequest(sim(), logPath(podIn('unschedulable')));
  assert.equal(r.status, 200);
  assert.equal(r.body, '');
});
